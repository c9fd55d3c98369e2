package dev.encore.eval;

import dev.encore.data.Csr;
import dev.encore.data.Interactions;
import java.util.BitSet;

/**
 * Turns a choice of test entries into the two halves, in one O(nnz + users) pass. Every
 * splitter decides which entry positions of {@code userItems()} go to test and hands the building
 * to this class, so no splitter copies CSR arrays itself.
 */
final class SplitAssembler {
  private SplitAssembler() {}

  /** Entries whose position in {@code source.userItems()} is set in {@code inTest} go to test. */
  static Split assemble(Interactions source, BitSet inTest) {
    Csr matrix = source.userItems();
    int testCount = inTest.cardinality();
    boolean timed = source.hasTimestamps();
    Half train = new Half(matrix.rows(), matrix.nnz() - testCount, timed);
    Half test = new Half(matrix.rows(), testCount, timed);
    int[] indices = matrix.indices();
    float[] values = matrix.values();
    long[] timestamps = timed ? source.timestamps() : null;
    for (int user = 0; user < matrix.rows(); user++) {
      for (int p = matrix.rowStart(user); p < matrix.rowEnd(user); p++) {
        Half side = inTest.get(p) ? test : train;
        side.append(indices[p], values[p], timed ? timestamps[p] : 0L);
      }
      train.endRow(user);
      test.endRow(user);
    }
    return new Split(train.build(source), test.build(source));
  }

  /** One side of the split filled row by row; rows stay sorted because the source rows are. */
  private static final class Half {
    private final int[] indptr;
    private final int[] indices;
    private final float[] values;
    private final long[] timestamps;
    private int size;

    Half(int rows, int entries, boolean timed) {
      indptr = new int[rows + 1];
      indices = new int[entries];
      values = new float[entries];
      timestamps = timed ? new long[entries] : null;
    }

    void append(int item, float value, long timestamp) {
      indices[size] = item;
      values[size] = value;
      if (timestamps != null) {
        timestamps[size] = timestamp;
      }
      size++;
    }

    void endRow(int row) {
      indptr[row + 1] = size;
    }

    Interactions build(Interactions source) {
      Csr matrix = new Csr(indptr.length - 1, source.items().size(), indptr, indices, values);
      return Interactions.of(source.users(), source.items(), matrix, timestamps);
    }
  }
}
