package dev.encore.linalg;

/**
 * In-place Cholesky factorisation and solve of a symmetric positive definite k x k matrix in
 * double: the exact solver's precision matters more than its speed at these sizes (k <= ~500).
 *
 * <p>The factor is kept as {@code U = L'} in the upper triangle, so that row j of U is contiguous
 * and the factorisation runs in the right-looking (outer-product) order: every inner loop is an
 * axpy over a contiguous stretch of a row, with no dependency from one element to the next, and
 * vectorises ({@link Kernels#axpy(double, double[], int, double[], int, int)}). The dot-product
 * order it replaced waited on one chain of dependent adds per element: at k = 64 the exact
 * solver's iteration on synth-10m spent most of its time there (BENCHMARKS.md, issue 13).
 */
public final class Cholesky {
  /**
   * Pivots whose trailing update is applied in one pass: each trailing row is then read and
   * written once per four pivots ({@link Kernels#subtractPivotRows}).
   */
  private static final int PANEL = 4;

  private Cholesky() {}

  /**
   * Overwrites the upper triangle of {@code a} (row-major k x k, symmetric) with U where
   * A = U'U; the strict lower triangle is used as scratch and means nothing afterwards. Only
   * {@link #solve} reads the result. Throws if A is not positive definite.
   */
  public static void decompose(double[] a, int k) {
    Kernels kernels = Kernels.INSTANCE;
    for (int panelStart = 0; panelStart < k; panelStart += PANEL) {
      int panelEnd = Math.min(k, panelStart + PANEL);
      for (int j = panelStart; j < panelEnd; j++) {
        int rowJ = j * k;
        double diagonal = a[rowJ + j];
        if (!(diagonal > 0)) {
          throw new ArithmeticException("matrix is not positive definite at pivot " + j + " (" + diagonal
              + "); raise the regularization");
        }
        double pivot = Math.sqrt(diagonal);
        a[rowJ + j] = pivot;
        kernels.scale(1 / pivot, a, rowJ + j + 1, k - j - 1);
        kernels.subtractPivotRows(a, k, j, j + 1, j + 1, panelEnd);
      }
      // Rows below the panel need the panel's pivots only once they become pivots themselves,
      // and the pivots' updates commute, so they are applied together.
      kernels.subtractPivotRows(a, k, panelStart, panelEnd, panelEnd, k);
    }
  }

  /** Solves U'U x = b in place in {@code b}, given the factor from {@link #decompose}. */
  public static void solve(double[] factor, int k, double[] b) {
    Kernels kernels = Kernels.INSTANCE;
    // U'y = b, forward: y_j is final once the rows above have been subtracted from b.
    for (int j = 0; j < k; j++) {
      double y = b[j] / factor[j * k + j];
      b[j] = y;
      kernels.axpy(-y, factor, j * k + j + 1, b, j + 1, k - j - 1);
    }
    // U x = y, backward: row i of U is contiguous, so each x_i is one dot product.
    for (int i = k - 1; i >= 0; i--) {
      double rest = kernels.dot(factor, i * k + i + 1, b, i + 1, k - i - 1);
      b[i] = (b[i] - rest) / factor[i * k + i];
    }
  }
}
