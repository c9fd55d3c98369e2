package dev.encore.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A compressed sparse row matrix of float values: row r's entries are
 * {@code indices[indptr[r] .. indptr[r+1])} with their {@code values}, column indices ascending
 * and unique within a row. Arrays are shared, not copied: treat them as read-only.
 */
public final class Csr implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int rows;
  private final int columns;
  private final int[] indptr;
  private final int[] indices;
  private final float[] values;

  public Csr(int rows, int columns, int[] indptr, int[] indices, float[] values) {
    if (indptr.length != rows + 1) {
      throw new IllegalArgumentException("indptr has " + indptr.length + " entries, want " + (rows + 1));
    }
    if (indices.length != values.length || indptr[rows] != indices.length) {
      throw new IllegalArgumentException("indices, values and indptr disagree on the entry count");
    }
    this.rows = rows;
    this.columns = columns;
    this.indptr = indptr;
    this.indices = indices;
    this.values = values;
  }

  /** This matrix without row {@code row}: the rows after it move up by one. */
  public Csr withoutRow(int row) {
    Objects.checkIndex(row, rows);
    int start = indptr[row];
    int removed = indptr[row + 1] - start;
    int[] newIndptr = new int[rows];
    for (int r = 0; r < rows; r++) {
      newIndptr[r] = r <= row ? indptr[r] : indptr[r + 1] - removed;
    }
    return new Csr(rows - 1, columns, newIndptr, cut(indices, start, removed), cut(values, start, removed));
  }

  /** This matrix without column {@code column}: the columns after it move left by one. */
  public Csr withoutColumn(int column) {
    Objects.checkIndex(column, columns);
    int[] newIndptr = new int[rows + 1];
    int[] newIndices = new int[indices.length];
    float[] newValues = new float[values.length];
    int kept = 0;
    for (int r = 0; r < rows; r++) {
      for (int p = indptr[r]; p < indptr[r + 1]; p++) {
        if (indices[p] != column) {
          newIndices[kept] = indices[p] > column ? indices[p] - 1 : indices[p];
          newValues[kept++] = values[p];
        }
      }
      newIndptr[r + 1] = kept;
    }
    return new Csr(rows, columns - 1, newIndptr, Arrays.copyOf(newIndices, kept), Arrays.copyOf(newValues, kept));
  }

  private static int[] cut(int[] array, int start, int length) {
    int[] out = new int[array.length - length];
    System.arraycopy(array, 0, out, 0, start);
    System.arraycopy(array, start + length, out, start, array.length - start - length);
    return out;
  }

  private static float[] cut(float[] array, int start, int length) {
    float[] out = new float[array.length - length];
    System.arraycopy(array, 0, out, 0, start);
    System.arraycopy(array, start + length, out, start, array.length - start - length);
    return out;
  }

  public int rows() {
    return rows;
  }

  public int columns() {
    return columns;
  }

  public int nnz() {
    return indices.length;
  }

  public int rowStart(int row) {
    return indptr[row];
  }

  public int rowEnd(int row) {
    return indptr[row + 1];
  }

  public int rowLength(int row) {
    return indptr[row + 1] - indptr[row];
  }

  public int[] indptr() {
    return indptr;
  }

  public int[] indices() {
    return indices;
  }

  public float[] values() {
    return values;
  }

  /** The stored value at (row, column), or 0 if there is none. Binary search within the row. */
  public float get(int row, int column) {
    int position = find(row, column);
    return position < 0 ? 0f : values[position];
  }

  /**
   * The position of the first entry of {@code row} whose column is at least {@code column}
   * ({@code rowEnd(row)} when there is none): where a walk over the columns from there starts.
   */
  public int firstAtOrAfter(int row, int column) {
    int low = indptr[row];
    int high = indptr[row + 1];
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (indices[mid] < column) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** The entry position of (row, column), or -1. */
  public int find(int row, int column) {
    int low = indptr[row];
    int high = indptr[row + 1] - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int at = indices[mid];
      if (at < column) {
        low = mid + 1;
      } else if (at > column) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /**
   * The transpose in O(nnz + rows + columns) by counting sort. Walking the source rows in order
   * leaves each transposed row sorted without a sort.
   */
  public Csr transpose() {
    int[] transposedIndptr = new int[columns + 1];
    for (int index : indices) {
      transposedIndptr[index + 1]++;
    }
    for (int c = 0; c < columns; c++) {
      transposedIndptr[c + 1] += transposedIndptr[c];
    }
    int[] transposedIndices = new int[nnz()];
    float[] transposedValues = new float[nnz()];
    int[] next = transposedIndptr.clone();
    for (int r = 0; r < rows; r++) {
      for (int p = indptr[r]; p < indptr[r + 1]; p++) {
        int target = next[indices[p]]++;
        transposedIndices[target] = r;
        transposedValues[target] = values[p];
      }
    }
    return new Csr(columns, rows, transposedIndptr, transposedIndices, transposedValues);
  }

  @Override
  public String toString() {
    return "Csr[" + rows + " x " + columns + ", nnz=" + nnz() + "]";
  }
}
