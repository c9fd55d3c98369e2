package dev.encore.als;

import java.util.Locale;

/**
 * What a fit will hold in memory, checked before it allocates anything, so a training too large
 * for the heap is refused with the sizes instead of dying midway in an OutOfMemoryError (which on
 * a server can leave a half-made version behind and the process in an unknown state).
 */
public final class TrainingMemory {
  private static final long MIB = 1L << 20;

  private TrainingMemory() {}

  /**
   * An upper estimate in bytes: both factor matrices (floats), the plays in both orientations
   * (CSR: an int index and a float value per entry, plus row starts) with a confidence per entry,
   * the Gram matrix and each thread's k x k system and vectors (doubles).
   */
  public static long estimateBytes(long users, long items, long entries, AlsConfig config) {
    long k = config.factors();
    long factors = 4 * k * (users + items);
    long plays = 2 * (entries * (4 + 4 + 4) + 4 * (users + items + 2));
    long perThread = 8 * (k * k + 8 * k);
    return factors + plays + 8 * k * k + config.threads() * perThread;
  }

  /**
   * Refuses the fit when its estimate exceeds what the heap can still give.
   *
   * @throws IllegalStateException with the estimate, the free heap and what to change
   */
  public static void requireFits(long users, long items, long entries, AlsConfig config) {
    Runtime runtime = Runtime.getRuntime();
    long available = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    long needed = estimateBytes(users, items, entries, config);
    if (needed > available) {
      throw new IllegalStateException(String.format(Locale.ROOT, "training %,d listeners x %,d tracks (%,d plays) with"
          + " %d factors needs about %,d MiB, more than the %,d MiB the Java heap has free (of %,d MiB): lower the"
          + " factors or give Java more memory (-Xmx, e.g. JAVA_OPTS=-Xmx8g)", users, items, entries,
          config.factors(), needed / MIB, available / MIB, runtime.maxMemory() / MIB));
    }
  }
}
