package dev.encore.linalg;

import dev.encore.concurrent.Workers;

/**
 * The Gram matrix {@code F'F} of a row-major factor matrix F (rows x k), the {@code Y'Y} that
 * Hu, Koren and Volinsky compute once per half-step (section 4) so each row solve costs
 * O(n_u k^2 + k^3) instead of O(n k^2).
 */
public final class Gram {
  private static final int BLOCK_ROWS = 2048;

  private Gram() {}

  /**
   * Returns the full symmetric k x k matrix in double. Rows are summed in fixed blocks and the
   * block sums added in block order, so the result does not depend on the thread count.
   */
  public static double[] compute(float[] factors, int rows, int k, int threads) {
    int blocks = (rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
    double[][] partial = new double[blocks][];
    Workers.run(threads, blocks, block -> {
      double[] sum = new double[k * k];
      float[] rowCopy = new float[k];
      int end = Math.min(rows, (block + 1) * BLOCK_ROWS);
      for (int r = block * BLOCK_ROWS; r < end; r++) {
        System.arraycopy(factors, r * k, rowCopy, 0, k);
        for (int a = 0; a < k; a++) {
          double va = rowCopy[a];
          int base = a * k;
          for (int b = a; b < k; b++) {
            sum[base + b] += va * rowCopy[b];
          }
        }
      }
      partial[block] = sum;
    });
    double[] gram = new double[k * k];
    for (double[] block : partial) {
      for (int i = 0; i < gram.length; i++) {
        gram[i] += block[i];
      }
    }
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
