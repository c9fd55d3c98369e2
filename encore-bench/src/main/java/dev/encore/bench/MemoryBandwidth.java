package dev.encore.bench;

import dev.encore.concurrent.Workers;
import java.util.Arrays;

/**
 * A STREAM-like triad, {@code a[i] = b[i] + q * c[i]} over three double arrays, on every thread:
 * the sustainable memory bandwidth the ALS kernels are held against. As STREAM does, it counts
 * 24 bytes per element (two reads, one write) and reports the best of several passes, the
 * first pass excluded because it also pays for page faults.
 */
public final class MemoryBandwidth {
  /** 32 Mi doubles: 256 MB per array, far beyond any cache here. */
  public static final int DEFAULT_ELEMENTS = 32 << 20;
  private static final int PASSES = 5;
  private static final int BYTES_PER_ELEMENT = 3 * Double.BYTES;

  private MemoryBandwidth() {}

  /** Bytes per second of the best triad pass over arrays of {@code elements} doubles. */
  public static double measure(int elements, int threads) {
    double[] a = new double[elements];
    double[] b = new double[elements];
    double[] c = new double[elements];
    Arrays.fill(b, 1.0);
    Arrays.fill(c, 2.0);
    int chunks = threads * 4;
    double best = Double.POSITIVE_INFINITY;
    for (int pass = 0; pass <= PASSES; pass++) {
      double scalar = 3.0 + pass;
      long start = System.nanoTime();
      Workers.run(threads, chunks, chunk -> {
        int from = (int) ((long) elements * chunk / chunks);
        int to = (int) ((long) elements * (chunk + 1) / chunks);
        for (int i = from; i < to; i++) {
          a[i] = b[i] + scalar * c[i];
        }
      });
      double seconds = (System.nanoTime() - start) / 1e9;
      if (pass > 0) {
        best = Math.min(best, seconds);
      }
    }
    if (a[elements - 1] != 2.0 * (3.0 + PASSES) + 1.0) {
      throw new IllegalStateException("triad produced a wrong value; the measurement is void");
    }
    return (double) BYTES_PER_ELEMENT * elements / best;
  }
}
