package dev.encore.bench;

import java.util.Locale;

/**
 * The data one ALS iteration sweeps over and over: both factor matrices and the training matrix
 * in both orientations (user x item and item x user CSR: a 4-byte column index and a 4-byte value
 * per entry, a 4-byte row pointer per row). Whether it fits in the last-level cache decides
 * whether an iteration runs from cache or from memory, so absolute times from machines with
 * different L3 sizes do not compare; the ratios of one run on one machine do.
 *
 * @param factorBytes {@code 4 k (users + items)}
 * @param csrBytes {@code 2 x 8 nnz + 4 (users + 1) + 4 (items + 1)}
 */
public record WorkingSet(long factorBytes, long csrBytes) {
  private static final double MIB = 1 << 20;

  /** The working set of training {@code factors} factors on {@code shape}. */
  public static WorkingSet of(ProblemShape shape, int factors) {
    long factorBytes = 4L * factors * (shape.users() + shape.items());
    long csrBytes = 2 * 8L * shape.nnz() + 4L * (shape.users() + 1) + 4L * (shape.items() + 1);
    return new WorkingSet(factorBytes, csrBytes);
  }

  public long bytes() {
    return factorBytes + csrBytes;
  }

  /** Whether it fits in an L3 of {@code l3Bytes}; false when the size is unknown (not positive). */
  public boolean fitsIn(long l3Bytes) {
    return l3Bytes > 0 && bytes() <= l3Bytes;
  }

  /** The sentence the report prints, e.g. "working set 183.7 MiB (...) does not fit in the 105.0 MiB L3". */
  public String statement(long l3Bytes) {
    String sizes = String.format(Locale.ROOT, "working set %.1f MiB (factors %.1f MiB + CSR both ways %.1f MiB)",
        bytes() / MIB, factorBytes / MIB, csrBytes / MIB);
    if (l3Bytes <= 0) {
      return sizes + "; the L3 size is unknown, so whether it fits is too";
    }
    return String.format(Locale.ROOT, "%s %s in the %.1f MiB L3", sizes, fitsIn(l3Bytes) ? "fits" : "does not fit",
        l3Bytes / MIB);
  }
}
