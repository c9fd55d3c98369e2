package dev.encore.linalg;

import dev.encore.concurrent.Workers;

/**
 * The Gram matrix {@code F'F} of a row-major factor matrix F (rows x k), the {@code Y'Y} that
 * Hu, Koren and Volinsky compute once per half-step (section 4) so each row solve costs
 * O(n_u k^2 + k^3) instead of O(n k^2).
 */
public final class Gram {
  private static final int BLOCK_ROWS = 2048;
  /** Rows added to the sum at a time: 16 rows of 256 factors are 16 KB, which stay in L1. */
  private static final int PANEL_ROWS = 16;

  private Gram() {}

  /**
   * Returns the full symmetric k x k matrix in double. Rows are summed in fixed blocks and the
   * block sums added in block order, so the result does not depend on the thread count.
   */
  public static double[] compute(float[] factors, int rows, int k, int threads) {
    int blocks = (rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
    float[][] partial = new float[blocks][];
    Workers.run(threads, blocks, block -> {
      // Float sums over at most BLOCK_ROWS rows keep the vector kernel; blocks add up in double.
      float[] sum = new float[k * k];
      int end = Math.min(rows, (block + 1) * BLOCK_ROWS);
      for (int r = block * BLOCK_ROWS; r < end; r += PANEL_ROWS) {
        Kernels.INSTANCE.addOuterProducts(factors, r * k, Math.min(PANEL_ROWS, end - r), sum, k);
      }
      partial[block] = sum;
    });
    double[] gram = new double[k * k];
    for (float[] block : partial) {
      for (int i = 0; i < gram.length; i++) {
        gram[i] += block[i];
      }
    }
    // The kernel sums the upper triangle; the lower one is its mirror.
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < a; b++) {
        gram[a * k + b] = gram[b * k + a];
      }
    }
    return gram;
  }

  /** The same matrix in float, for the conjugate-gradient solver. */
  public static float[] toFloat(double[] gram) {
    float[] result = new float[gram.length];
    for (int i = 0; i < gram.length; i++) {
      result[i] = (float) gram[i];
    }
    return result;
  }
}
