package dev.encore.bench;

/**
 * The floating-point operations and memory traffic one full ALS iteration (an item half-step and
 * a user half-step) needs at least, from the problem's shape alone. These are the algorithm's
 * counts, not a measurement: dividing them by the measured seconds per iteration says how close
 * an implementation comes to the machine's peak. Notation: U users, I items, N entries, k factors,
 * s conjugate-gradient steps; a multiply-add counts as 2 flops; factors and values are 4-byte floats.
 *
 * <p>Conjugate gradient (Takacs et al. 2011, Encore's default solver), per half-step solving R rows
 * against F fixed rows:
 * <ul>
 *   <li>Gram matrix F'F: {@code F k^2} flops (the symmetric half, k(k+1)/2 multiply-adds per row).
 *   <li>1 + s matrix-vector products per row, each {@code 2k^2} for the Gram part plus, per entry
 *       of the row, a dot and an axpy with the fixed factor: {@code 4k}.
 *   <li>per CG step and row, two dots and three vector updates: {@code 10k}.
 *   <li>bytes: each entry's fixed factor gathered once ({@code 4k}): the 1 + s products of a row
 *       read them again, but from a copy in cache (Encore gathers each row's factors into a
 *       buffer first, so only that gather reaches memory); the entry's column index, value and
 *       confidence (12 bytes), each row's factors read and written ({@code 8k}) and the fixed
 *       factors read once for the Gram ({@code 4k F}).
 * </ul>
 * Summed over both half-steps:
 * {@code flops = (U + I) k^2 + (1 + s)(8 k N + 2 k^2 (U + I)) + 10 k s (U + I)},
 * {@code bytes = 2 N (4k + 12) + 12 k (U + I)}. (Until 2026-11-24 this counted {@code (1 + s) 4k}
 * per entry, a gather per product, which the fused kernels then ran above the measured bandwidth.)
 *
 * <p>Exact normal equations (Spark MLlib's solver, Encore's {@code cholesky}), per half-step:
 * <ul>
 *   <li>Gram matrix: {@code F k^2}.
 *   <li>per entry, a rank-1 update of the packed symmetric k x k matrix ({@code k(k+1)} flops) and
 *       the right-hand side ({@code 2k}): {@code k^2 + 3k}.
 *   <li>per row, the Cholesky factorisation {@code k^3 / 3}, two triangular solves {@code 2k^2}
 *       and adding the Gram and lambda {@code k^2}: {@code k^3 / 3 + 3 k^2}.
 *   <li>bytes: each entry's fixed factor gathered once ({@code 4k}) plus 12 bytes of the entry,
 *       each row's factors written ({@code 4k}), the fixed factors read once for the Gram.
 * </ul>
 * Summed: {@code flops = (U + I) k^2 + 2 N (k^2 + 3k) + (U + I)(k^3 / 3 + 3 k^2)},
 * {@code bytes = 2 N (4k + 12) + 8 k (U + I)}. Spark moves far more than this (shuffles of
 * serialised factor blocks); the formula is the algorithm's minimum, not Spark's traffic.
 */
public record IterationCost(double flops, double bytes) {
  private static final double ENTRY_BYTES = 12;
  private static final double FLOAT_BYTES = 4;

  /** The conjugate-gradient solver with {@code cgSteps} steps per row and half-step. */
  public static IterationCost conjugateGradient(ProblemShape shape, int factors, int cgSteps) {
    double k = factors;
    double products = 1 + cgSteps;
    double rows = shape.rows();
    double entries = shape.nnz();
    double gram = rows * k * k;
    double matrixVector = products * (2 * entries * 4 * k + rows * 2 * k * k);
    double vectorUpdates = rows * cgSteps * 10 * k;
    double bytes = 2 * entries * (FLOAT_BYTES * k + ENTRY_BYTES) + rows * 3 * FLOAT_BYTES * k;
    return new IterationCost(gram + matrixVector + vectorUpdates, bytes);
  }

  /** The exact solver: normal equations built per row and solved by Cholesky. */
  public static IterationCost cholesky(ProblemShape shape, int factors) {
    double k = factors;
    double rows = shape.rows();
    double entries = shape.nnz();
    double gram = rows * k * k;
    double perEntry = 2 * entries * (k * k + 3 * k);
    double perRow = rows * (k * k * k / 3 + 3 * k * k);
    double bytes = 2 * entries * (FLOAT_BYTES * k + ENTRY_BYTES) + rows * 2 * FLOAT_BYTES * k;
    return new IterationCost(gram + perEntry + perRow, bytes);
  }

  /** Achieved rate as a share of {@code peakFlopsPerSecond}, for an iteration taking {@code seconds}. */
  public double fractionOfPeak(double seconds, double peakFlopsPerSecond) {
    return flops / seconds / peakFlopsPerSecond;
  }

  /** Achieved traffic as a share of {@code bytesPerSecond}, for an iteration taking {@code seconds}. */
  public double fractionOfBandwidth(double seconds, double bytesPerSecond) {
    return bytes / seconds / bytesPerSecond;
  }
}
