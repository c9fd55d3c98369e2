package dev.encore.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Times one query at a time: a warm-up of untimed calls (so the JIT has compiled the path and
 * lazy caches such as item norms exist), then one timed call per sample on random arguments
 * from a fixed seed. Reports percentiles in microseconds.
 */
public final class Latencies {
  private static final long SEED = 7L;

  private final long[] nanos;

  private Latencies(long[] nanos) {
    this.nanos = nanos;
  }

  /**
   * Calls {@code query} with random arguments in 0..bound-1: {@code warmup} times untimed, then
   * {@code samples} times timed.
   */
  public static Latencies measure(int bound, int warmup, int samples, IntConsumer query) {
    if (bound < 1 || samples < 1) {
      throw new IllegalArgumentException("need at least one argument and one sample, got " + bound + " and " + samples);
    }
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < warmup; i++) {
      query.accept(random.nextInt(bound));
    }
    long[] nanos = new long[samples];
    for (int i = 0; i < samples; i++) {
      int argument = random.nextInt(bound);
      long start = System.nanoTime();
      query.accept(argument);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return new Latencies(nanos);
  }

  /** The nearest-rank percentile {@code p} (0..100) in microseconds. */
  public double percentileMicros(double p) {
    int rank = (int) Math.ceil(p / 100.0 * nanos.length);
    return nanos[Math.max(0, Math.min(nanos.length - 1, rank - 1))] / 1e3;
  }
}
