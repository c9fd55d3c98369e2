package dev.encore.testing;

/**
 * Brute-force reference for ALS rows: forms the full normal equations over every column with
 * dense confidence (1 where unobserved) and solves them by Gaussian elimination with partial
 * pivoting, sharing no code with the engine.
 */
public final class DenseSolve {
  private DenseSolve() {}

  /** Every column's weight and target for one row, as {@link #row} takes them. */
  public record Columns(double[] weights, double[] targets) {}

  /**
   * The columns of row {@code row} of {@code plays} under the iALS objective: per column the loss
   * is w (t - s)^2 + const, observed w = c - 1 + alpha0 and t = c / w, unobserved w = alpha0 and
   * t = 0, with c the confidence {@code config} gives the play count.
   */
  public static Columns rendleColumns(dev.encore.als.AlsConfig config, dev.encore.data.Csr plays, int row,
      int columns) {
    double[] weight = new double[columns];
    double[] target = new double[columns];
    java.util.Arrays.fill(weight, config.unobservedWeight());
    for (int p = plays.rowStart(row); p < plays.rowEnd(row); p++) {
      double c = config.confidence().confidence(plays.values()[p]);
      weight[plays.indices()[p]] = c - 1 + config.unobservedWeight();
      target[plays.indices()[p]] = c / weight[plays.indices()[p]];
    }
    return new Columns(weight, target);
  }

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
