package dev.encore.linalg;

/**
 * In-place Cholesky factorisation and solve of a symmetric positive definite k x k matrix in
 * double: the exact solver's precision matters more than its speed at these sizes (k <= ~500).
 */
public final class Cholesky {
  private Cholesky() {}

  /**
   * Overwrites the lower triangle of {@code a} (row-major k x k) with L where A = L L'.
   * Throws if A is not positive definite.
   */
  public static void decompose(double[] a, int k) {
    for (int j = 0; j < k; j++) {
      double diagonal = a[j * k + j];
      for (int p = 0; p < j; p++) {
        double l = a[j * k + p];
        diagonal -= l * l;
      }
      if (!(diagonal > 0)) {
        throw new ArithmeticException("matrix is not positive definite at pivot " + j + " (" + diagonal
            + "); raise the regularization");
      }
      double pivot = Math.sqrt(diagonal);
      a[j * k + j] = pivot;
      for (int i = j + 1; i < k; i++) {
        double sum = a[i * k + j];
        for (int p = 0; p < j; p++) {
          sum -= a[i * k + p] * a[j * k + p];
        }
        a[i * k + j] = sum / pivot;
      }
    }
  }

  /** Solves L L' x = b in place in {@code b}, given the factor from {@link #decompose}. */
  public static void solve(double[] factor, int k, double[] b) {
    for (int i = 0; i < k; i++) {
      double sum = b[i];
      for (int p = 0; p < i; p++) {
        sum -= factor[i * k + p] * b[p];
      }
      b[i] = sum / factor[i * k + i];
    }
    for (int i = k - 1; i >= 0; i--) {
      double sum = b[i];
      for (int p = i + 1; p < k; p++) {
        sum -= factor[p * k + i] * b[p];
      }
      b[i] = sum / factor[i * k + i];
    }
  }
}
