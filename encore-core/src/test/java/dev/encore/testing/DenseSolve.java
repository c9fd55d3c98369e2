package dev.encore.testing;

/**
 * Brute-force reference for ALS rows: forms the full normal equations over every column with
 * dense confidence (1 where unobserved) and solves them by Gaussian elimination with partial
 * pivoting, sharing no code with the engine.
 */
public final class DenseSolve {
  private DenseSolve() {}

  /**
   * x minimising sum_i c_i (p_i - x.y_i)^2 + lambda |x|^2, where {@code confidence[i]} and
   * {@code preference[i]} are given for every column i and {@code fixed} is columns x k.
   */
  public static double[] row(double[] confidence, double[] preference, float[] fixed, int k, double lambda) {
    int columns = confidence.length;
    double[][] a = new double[k][k + 1];
    for (int i = 0; i < columns; i++) {
      for (int r = 0; r < k; r++) {
        double yr = fixed[i * k + r];
        for (int c = 0; c < k; c++) {
          a[r][c] += confidence[i] * yr * fixed[i * k + c];
        }
        a[r][k] += confidence[i] * preference[i] * yr;
      }
    }
    for (int r = 0; r < k; r++) {
      a[r][r] += lambda;
    }
    for (int col = 0; col < k; col++) {
      int pivot = col;
      for (int r = col + 1; r < k; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] swap = a[col];
      a[col] = a[pivot];
      a[pivot] = swap;
      for (int r = 0; r < k; r++) {
        if (r != col) {
          double factor = a[r][col] / a[col][col];
          for (int c = col; c <= k; c++) {
            a[r][c] -= factor * a[col][c];
          }
        }
      }
    }
    double[] x = new double[k];
    for (int r = 0; r < k; r++) {
      x[r] = a[r][k] / a[r][r];
    }
    return x;
  }
}
