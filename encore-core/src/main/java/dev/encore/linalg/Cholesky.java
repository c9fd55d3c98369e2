package dev.encore.linalg;

/**
 * In-place Cholesky factorisation and solve of a symmetric positive definite k x k matrix in
 * double: the exact solver's precision matters more than its speed at these sizes (k <= ~500).
 *
 * <p>The factor is kept as {@code U = L'} in the upper triangle, so that row j of U is contiguous
 * and the factorisation runs in the right-looking (outer-product) order: every inner loop runs
 * over a contiguous stretch of a row, with no dependency from one element to the next, and
 * vectorises ({@link Kernels#subtractPivotRows}). The dot-product order it replaced waited on one
 * chain of dependent adds per element: at k = 64 the exact solver's iteration on synth-10m spent
 * most of its time there (BENCHMARKS.md, issue 13). Factorising in float on sixteen lanes, as
 * implicit does (LAPACK {@code sposv}), measured no faster before the blocking (5.7 against
 * 6.0 us at k = 64): the time went to the chain from pivot to pivot, not to the arithmetic.
 */
public final class Cholesky {
  /**
   * Pivots factorised as one panel: each trailing row is then read and written once per eight
   * pivots ({@link Kernels#subtractPivotRows}), a double vector's width, so every panel ends on a
   * whole vector.
   */
  private static final int PANEL = 8;

  private Cholesky() {}

  /**
   * Overwrites the upper triangle of {@code a} (row-major k x k, symmetric) with U where
   * A = U'U; the strict lower triangle is used as scratch and means nothing afterwards. Only
   * {@link #solve} reads the result. Throws if A is not positive definite.
   *
   * <p>Blocked: a panel's 8 x 8 diagonal block is factorised one scalar at a time, the rest of
   * its rows solved against it in vectors ({@link Kernels#dividePanel}), then subtracted from the
   * trailing rows. Pivot by pivot, each pivot's square root, reciprocal, row scaling and update of
   * the next row waited on the one before, and that chain, not the arithmetic, set the time.
   */
  public static void decompose(double[] a, int k) {
    Kernels kernels = Kernels.INSTANCE;
    for (int panelStart = 0; panelStart < k; panelStart += PANEL) {
      int panelEnd = Math.min(k, panelStart + PANEL);
      factorDiagonalBlock(a, k, panelStart, panelEnd);
      kernels.dividePanel(a, k, panelStart, panelEnd);
      kernels.subtractPivotRows(a, k, panelStart, panelEnd, panelEnd, k);
    }
  }

  /**
   * The diagonal block, one pivot at a time. The rows below a pivot are updated with its unscaled
   * row times 1/d (d the pivot's diagonal), so the next pivot waits on one division, not on a
   * square root, a division and the row's scaling; the square root and the scaling follow aside.
   */
  private static void factorDiagonalBlock(double[] a, int k, int from, int to) {
    for (int j = from; j < to; j++) {
      int rowJ = j * k;
      double diagonal = a[rowJ + j];
      if (!(diagonal > 0)) {
        throw new ArithmeticException("matrix is not positive definite at pivot " + j + " (" + diagonal
            + "); raise the regularization");
      }
      double inverseDiagonal = 1 / diagonal;
      for (int i = j + 1; i < to; i++) {
        double multiplier = a[rowJ + i] * inverseDiagonal;
        for (int c = i; c < to; c++) {
          a[i * k + c] -= multiplier * a[rowJ + c];
        }
      }
      double pivot = Math.sqrt(diagonal);
      double inversePivot = pivot * inverseDiagonal;
      a[rowJ + j] = pivot;
      for (int c = j + 1; c < to; c++) {
        a[rowJ + c] *= inversePivot;
      }
    }
  }

  /**
   * Solves U'U x = b in place in {@code b}, given the factor from {@link #decompose}: by panels,
   * each panel's block substituted one scalar at a time and the rest of the vector updated (or
   * summed) for the whole panel in one pass ({@link Kernels#subtractPanelProduct},
   * {@link Kernels#subtractTailProducts}) instead of one short vector operation per row.
   */
  public static void solve(double[] factor, int k, double[] b) {
    Kernels kernels = Kernels.INSTANCE;
    // U'y = b, forward: y_j is final once the panels above have been subtracted from b.
    for (int panelStart = 0; panelStart < k; panelStart += PANEL) {
      int panelEnd = Math.min(k, panelStart + PANEL);
      for (int j = panelStart; j < panelEnd; j++) {
        double y = b[j];
        for (int p = panelStart; p < j; p++) {
          y -= factor[p * k + j] * b[p];
        }
        b[j] = y / factor[j * k + j];
      }
      kernels.subtractPanelProduct(factor, k, panelStart, panelEnd, b);
    }
    // U x = y, backward: a panel's rows need the x below the panel, then each other's.
    for (int panelStart = (k - 1) / PANEL * PANEL; panelStart >= 0; panelStart -= PANEL) {
      int panelEnd = Math.min(k, panelStart + PANEL);
      kernels.subtractTailProducts(factor, k, panelStart, panelEnd, b);
      for (int i = panelEnd - 1; i >= panelStart; i--) {
        double rest = 0;
        for (int c = i + 1; c < panelEnd; c++) {
          rest += factor[i * k + c] * b[c];
        }
        b[i] = (b[i] - rest) / factor[i * k + i];
      }
    }
  }

  /** Throws unless {@code diagonal}, pivot {@code j} of system {@code system} solved together, is above 0. */
  static void requirePositivePivot(double diagonal, int j, int system) {
    if (!(diagonal > 0)) {
      throw new ArithmeticException("matrix " + system + " of those solved together is not positive definite at pivot "
          + j + " (" + diagonal + "); raise the regularization");
    }
  }
}
