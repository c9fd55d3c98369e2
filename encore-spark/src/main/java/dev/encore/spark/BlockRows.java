package dev.encore.spark;

import dev.encore.data.Csr;
import java.util.Arrays;

/**
 * Collects the entries (row, column, value) of one block in any order and sorts them into a
 * {@link Csr} whose rows hold ascending, unique columns, as the solvers and the top-k expect.
 * Primitive growable arrays: a block holds millions of entries. Not thread-safe.
 */
final class BlockRows {
  private final int rows;
  private final int columns;
  private int[] entryRows = new int[1024];
  private int[] entryColumns = new int[1024];
  private float[] entryValues = new float[1024];
  private int size;

  BlockRows(int rows, int columns) {
    this.rows = rows;
    this.columns = columns;
  }

  void add(int row, int column, float value) {
    if (row < 0 || row >= rows || column < 0 || column >= columns) {
      throw new IllegalArgumentException("entry (" + row + ", " + column + ") is outside the " + rows + " x " + columns
          + " block");
    }
    if (size == entryRows.length) {
      int grown = Math.max(16, size + (size >> 1));
      entryRows = Arrays.copyOf(entryRows, grown);
      entryColumns = Arrays.copyOf(entryColumns, grown);
      entryValues = Arrays.copyOf(entryValues, grown);
    }
    entryRows[size] = row;
    entryColumns[size] = column;
    entryValues[size] = value;
    size++;
  }

  int size() {
    return size;
  }

  /** The entries as CSR, rows counting-sorted and each row sorted by column; duplicates are an error. */
  Csr toCsr() {
    int[] indptr = new int[rows + 1];
    for (int e = 0; e < size; e++) {
      indptr[entryRows[e] + 1]++;
    }
    for (int r = 0; r < rows; r++) {
      indptr[r + 1] += indptr[r];
    }
    int[] next = Arrays.copyOf(indptr, rows);
    long[] keyed = new long[size];
    for (int e = 0; e < size; e++) {
      // column in the high half, entry number in the low: sorting a row's keys sorts it by column
      keyed[next[entryRows[e]]++] = ((long) entryColumns[e] << 32) | e;
    }
    int[] indices = new int[size];
    float[] values = new float[size];
    for (int r = 0; r < rows; r++) {
      Arrays.sort(keyed, indptr[r], indptr[r + 1]);
      for (int p = indptr[r]; p < indptr[r + 1]; p++) {
        int column = (int) (keyed[p] >>> 32);
        if (p > indptr[r] && indices[p - 1] == column) {
          throw new IllegalArgumentException("row " + r + " has column " + column + " twice");
        }
        indices[p] = column;
        values[p] = entryValues[(int) keyed[p]];
      }
    }
    return new Csr(rows, columns, indptr, indices, values);
  }
}
