package dev.encore.spark;

import java.io.Serializable;

/**
 * After MLlib's {@code OutBlock}: for one block of factor rows, which of its local rows each
 * destination block on the other side needs. Each half-step ships a row once per block that
 * needs it, never once per play.
 */
final class OutBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Per destination block, the ascending local rows to send (empty where none). */
  final int[][] rowsFor;

  OutBlock(int[][] rowsFor) {
    this.rowsFor = rowsFor;
  }

  /** The rows for {@code destination}, gathered from this block's factors into one array. */
  float[] gather(int destination, float[] factors, int k) {
    int[] rows = rowsFor[destination];
    float[] shipped = new float[rows.length * k];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(factors, rows[i] * k, shipped, i * k, k);
    }
    return shipped;
  }

  /** Rows shipped per half-step, summed over destinations: the shuffle's factor rows. */
  long shippedRows() {
    long total = 0;
    for (int[] rows : rowsFor) {
      total += rows.length;
    }
    return total;
  }
}
