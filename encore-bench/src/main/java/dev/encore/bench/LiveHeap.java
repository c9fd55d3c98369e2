package dev.encore.bench;

import dev.encore.als.IterationStats;
import dev.encore.als.TrainingListener;
import dev.encore.data.Interactions;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The heap a training run really keeps alive, against the memory bound: 1.5 x the bytes
 * of the two CSR matrices plus both factor matrices. Peak pool usage counts garbage too, so this
 * forces a full collection at the end of an iteration (in the untimed warm-up fit), while the
 * data, both factor matrices and the trainer's confidence arrays are all reachable, and reads
 * what survives.
 */
final class LiveHeap implements TrainingListener {
  private long liveBytes = -1;

  @Override
  public void iterationFinished(IterationStats stats) {
    System.gc();
    liveBytes = Math.max(liveBytes, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
  }

  long liveBytes() {
    return liveBytes;
  }

  /** Bytes of the user x item and item x user CSR matrices and the two factor matrices at {@code factors}. */
  static long boundBase(Interactions train, int factors) {
    return WorkingSet.of(new ProblemShape(train.users().size(), train.items().size(), train.nnz()), factors).bytes();
  }

  String note(Interactions train, int factors) {
    long base = boundBase(train, factors);
    return String.format(Locale.ROOT,
        "live heap during training (full GC after the warm-up iteration): %.1f MiB = %.2f x the %.1f MiB of"
            + " both CSR matrices and both factor matrices (bound: 1.5 x)",
        liveBytes / 1048576.0, (double) liveBytes / base, base / 1048576.0);
  }
}
