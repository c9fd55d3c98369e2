package dev.encore.model;

import dev.encore.concurrent.Workers;
import dev.encore.linalg.FactorPanels;
import dev.encore.linalg.Kernels;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The top n of every row of a symmetric score matrix without its diagonal, such as the cosines of
 * every item with every other, computing each pair once: a block of rows is scored only against
 * the rows from its own on, and each score goes both to the row's selection and to the
 * column's. Half the multiply-adds of scoring every row against every row ({@link BatchTopK}),
 * with the same answer: the panel kernels sum {@code r_i[a] r_j[a]} over a in order from zero,
 * so score (i, j) is the very float (j, i) would be.
 */
final class SymmetricTopK {
  private static final int QUERY_BLOCK = 64;
  /** 64 panel blocks = 1,024 columns; at 64 factors a 256 KB tile, as {@link BatchTopK}'s. */
  private static final int TILE_BLOCKS = 64;

  private SymmetricTopK() {}

  /**
   * Row i of the result: the indices j != i of the best {@code n} scores {@code rows_i . rows_j},
   * best first, ties to the lower index. {@code panels} holds the same rows as the row-major
   * {@code rows} (k floats each).
   */
  static int[][] run(float[] rows, FactorPanels panels, int n, int threads) {
    int count = panels.rows();
    int capacity = Math.min(n, Math.max(count - 1, 0));
    // Each thread keeps a selection for every row and offers to its own, so no two threads write
    // one selection; they are merged at the end, and the (score, lower index) order makes the
    // merged answer the same whichever thread held what. That is about 130 bytes a row and
    // thread at n = 10 (260 MB for a million tracks on two threads), beside the answer itself.
    Queue<TopK[]> perThread = new ConcurrentLinkedQueue<>();
    ThreadLocal<TopK[]> selections = ThreadLocal.withInitial(() -> {
      TopK[] tops = new TopK[count];
      for (int i = 0; i < count; i++) {
        tops[i] = new TopK(capacity);
      }
      perThread.add(tops);
      return tops;
    });
    int queryBlocks = (count + QUERY_BLOCK - 1) / QUERY_BLOCK;
    Workers.run(threads, queryBlocks, block -> scoreBlock(rows, panels, block, selections.get()));
    TopK[][] all = perThread.toArray(new TopK[0][]);
    int[][] result = new int[count][];
    int[] buffer = new int[capacity];
    for (int i = 0; i < count; i++) {
      TopK merged = all.length > 0 ? all[0][i] : new TopK(capacity);
      for (int t = 1; t < all.length; t++) {
        merged.offerAll(all[t][i]);
      }
      result[i] = Arrays.copyOf(buffer, merged.drainIndicesBestFirst(buffer));
    }
    return result;
  }

  /** Rows {@code [64 block, 64 block + 64)} against the columns from the block's first row on. */
  private static void scoreBlock(float[] rows, FactorPanels panels, int block, TopK[] tops) {
    Kernels kernels = Kernels.INSTANCE;
    int k = panels.factors();
    int count = panels.rows();
    int blocks = panels.blocks();
    int firstRow = block * QUERY_BLOCK;
    int here = Math.min(QUERY_BLOCK, count - firstRow);
    float[][] scores = new float[here][TILE_BLOCKS * Kernels.PANEL_WIDTH];
    float[][] four = new float[4][];
    float[] columnMax = new float[TILE_BLOCKS * Kernels.PANEL_WIDTH];
    for (int tileStart = firstRow / Kernels.PANEL_WIDTH; tileStart < blocks; tileStart += TILE_BLOCKS) {
      int tileEnd = Math.min(blocks, tileStart + TILE_BLOCKS);
      int first = tileStart * Kernels.PANEL_WIDTH;
      int width = Math.min(count, tileEnd * Kernels.PANEL_WIDTH) - first;
      int q = 0;
      for (; q + 3 < here; q += 4) {
        System.arraycopy(scores, q, four, 0, 4);
        kernels.scorePanelsQuad(rows, (firstRow + q) * k, panels.array(), k, tileStart, tileEnd, four);
      }
      for (; q < here; q++) {
        kernels.scorePanels(rows, (firstRow + q) * k, panels.array(), k, tileStart, tileEnd, scores[q], 0);
      }
      Arrays.fill(columnMax, 0, width, Float.NEGATIVE_INFINITY);
      for (q = 0; q < here; q++) {
        int row = firstRow + q;
        // Only columns after the row: the pairs at or before it are its own or another row's.
        if (row >= first) {
          Arrays.fill(scores[q], 0, Math.min(width, row - first + 1), Float.NEGATIVE_INFINITY);
        }
        tops[row].offerAbove(scores[q], 0, width, first, kernels);
        kernels.maxInto(scores[q], columnMax, width);
      }
      offerToColumns(scores, here, firstRow, columnMax, first, width, tops);
    }
  }

  /**
   * Each column's scores against the block's rows, offered to the column's selection; a column
   * none of whose scores reaches its threshold (most, once the selections fill) is skipped on
   * its maximum. Equal scores are offered, as these rows come before the column's later ones.
   */
  private static void offerToColumns(float[][] scores, int here, int firstRow, float[] columnMax, int first,
      int width, TopK[] tops) {
    for (int j = 0; j < width; j++) {
      TopK top = tops[first + j];
      if (columnMax[j] < top.threshold()) {
        continue;
      }
      for (int q = 0; q < here; q++) {
        float score = scores[q][j];
        if (score >= top.threshold()) {
          top.offer(firstRow + q, score);
        }
      }
    }
  }
}
