package dev.encore.linalg;

/**
 * A factor matrix (rows x k, row-major) re-laid as blocks of {@link Kernels#PANEL_WIDTH} rows,
 * column-major inside each block and zero-padded at the end: element (r, a) sits at
 * {@code (r / 16) * k * 16 + a * 16 + r % 16}. Scoring a query against 16 rows is then k
 * vector FMAs with no horizontal sums, the layout a blocked matrix multiply wants.
 */
public final class FactorPanels {
  private final int rows;
  private final int k;
  private final float[] panels;

  private FactorPanels(int rows, int k, float[] panels) {
    this.rows = rows;
    this.k = k;
    this.panels = panels;
  }

  /** Panels of {@code factors}; with {@code normalize}, each row divided by its norm (cosine). */
  public static FactorPanels of(float[] factors, int rows, int k, boolean normalize) {
    int width = Kernels.PANEL_WIDTH;
    int blocks = blocksFor(rows);
    float[] panels = new float[blocks * k * width];
    for (int r = 0; r < rows; r++) {
      float scale = 1f;
      if (normalize) {
        float norm = Vectors.norm(factors, r * k, k);
        scale = norm > 0 ? 1f / norm : 0f;
      }
      int base = (r / width) * k * width + r % width;
      for (int a = 0; a < k; a++) {
        panels[base + a * width] = factors[r * k + a] * scale;
      }
    }
    return new FactorPanels(rows, k, panels);
  }

  /**
   * Panels of {@code order.length} rows of {@code factors}: panel row r is factor row
   * {@code order[r]}, so a reordered copy is laid out without a second row-major copy first.
   */
  public static FactorPanels ofRows(float[] factors, int k, int[] order) {
    int width = Kernels.PANEL_WIDTH;
    int rows = order.length;
    float[] panels = new float[blocksFor(rows) * k * width];
    for (int r = 0; r < rows; r++) {
      int base = (r / width) * k * width + r % width;
      int source = order[r] * k;
      for (int a = 0; a < k; a++) {
        panels[base + a * width] = factors[source + a];
      }
    }
    return new FactorPanels(rows, k, panels);
  }

  /** Panels already laid out ({@code rows} rows of k, padded to whole blocks); shared, not copied. */
  public static FactorPanels wrap(float[] panels, int rows, int k) {
    if (panels.length != blocksFor(rows) * k * Kernels.PANEL_WIDTH) {
      throw new IllegalArgumentException(panels.length + " floats are not " + rows + " rows of " + k + " in panels");
    }
    return new FactorPanels(rows, k, panels);
  }

  public static int blocksFor(int rows) {
    return (rows + Kernels.PANEL_WIDTH - 1) / Kernels.PANEL_WIDTH;
  }

  public int rows() {
    return rows;
  }

  public int blocks() {
    return blocksFor(rows);
  }

  public int factors() {
    return k;
  }

  /** The panel array; shared, do not modify. */
  public float[] array() {
    return panels;
  }

  /** Scores {@code query} against every row into {@code out} (length at least blocks * 16). */
  public void scoreAll(float[] query, int queryOffset, float[] out) {
    Kernels.INSTANCE.scorePanels(query, queryOffset, panels, k, 0, blocks(), out, 0);
  }
}
