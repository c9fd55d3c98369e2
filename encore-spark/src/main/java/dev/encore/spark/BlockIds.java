package dev.encore.spark;

import java.io.Serializable;

/** One block's external IDs and ranks of first appearance, by local row. */
final class BlockIds implements Serializable {
  private static final long serialVersionUID = 1L;

  final String[] ids;
  final long[] ranks;

  BlockIds(int rows) {
    ids = new String[rows];
    ranks = new long[rows];
  }

  void set(int row, String id, long rank) {
    ids[row] = id;
    ranks[row] = rank;
  }
}
