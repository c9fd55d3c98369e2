package dev.encore.spark;

import dev.encore.als.EntryConfidences;
import dev.encore.data.Confidence;
import dev.encore.data.Csr;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * One block of rows (users or items) with everything its half-step needs, after MLlib's
 * {@code InBlock}: the rows' plays as a {@link Csr} whose columns index the other side's factor
 * rows this block receives, laid end to end in source-block order, and for each source block
 * which of its local rows those are ({@link #needed}). Built once; the same every iteration.
 */
final class InBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The block's number on its side. */
  final int block;
  /** Rows = this block's rows; columns = received factor rows. */
  final Csr plays;
  /** Per source block, the ascending local rows it sends here; empty where it sends none. */
  final int[][] needed;
  /** Per source block, where its rows start in the received array. */
  final int[] receivedOffsets;
  final int receivedRows;
  /**
   * The plays' confidences, computed on first use and kept with the cached block: for log or
   * capped confidence that is a pass of {@code Math.log} over every play, which a training
   * otherwise repeated in every half-step (single-node Encore computes it once per fit).
   */
  private transient EntryConfidences confidences;
  private transient Confidence confidencesFor;

  private InBlock(int block, Csr plays, int[][] needed, int[] receivedOffsets, int receivedRows) {
    this.block = block;
    this.plays = plays;
    this.needed = needed;
    this.receivedOffsets = receivedOffsets;
    this.receivedRows = receivedRows;
  }

  /** The block's rows and plays from its entries; {@code sourceBlocks} is the other side's block count. */
  static InBlock build(int block, int rows, int sourceBlocks, List<PlayBatch> plays) {
    int[][] needed = new int[sourceBlocks][];
    int[] counts = new int[sourceBlocks];
    int[][] locals = new int[sourceBlocks][];
    for (int b = 0; b < sourceBlocks; b++) {
      locals[b] = new int[16];
    }
    for (PlayBatch batch : plays) {
      for (int play = 0; play < batch.size(); play++) {
        int b = batch.sourceBlock(play);
        if (counts[b] == locals[b].length) {
          locals[b] = Arrays.copyOf(locals[b], counts[b] * 2);
        }
        locals[b][counts[b]++] = batch.sourceLocal(play);
      }
    }
    int[] receivedOffsets = new int[sourceBlocks];
    int received = 0;
    for (int b = 0; b < sourceBlocks; b++) {
      needed[b] = distinctSorted(locals[b], counts[b]);
      receivedOffsets[b] = received;
      received += needed[b].length;
    }
    BlockRows rowsBuilder = new BlockRows(rows, received);
    for (PlayBatch batch : plays) {
      for (int play = 0; play < batch.size(); play++) {
        int b = batch.sourceBlock(play);
        int position = Arrays.binarySearch(needed[b], batch.sourceLocal(play));
        rowsBuilder.add(batch.row(play), receivedOffsets[b] + position, batch.count(play));
      }
    }
    return new InBlock(block, rowsBuilder.toCsr(), needed, receivedOffsets, received);
  }

  /** The confidences of the plays under {@code confidence}, kept for the next half-step. */
  synchronized EntryConfidences confidences(Confidence confidence) {
    if (!confidence.equals(confidencesFor)) {
      confidences = EntryConfidences.of(confidence, plays.values());
      confidencesFor = confidence;
    }
    return confidences;
  }

  int rows() {
    return plays.rows();
  }

  /**
   * The plays with columns renumbered to the other side's global indices, given where each of its
   * blocks starts: the played matrix of the model file and the rows evaluation must skip.
   */
  Csr globalPlays(long[] sourceFirstRows, int sourceRowCount) {
    int[] global = new int[plays.nnz()];
    int[] columns = plays.indices();
    for (int p = 0; p < global.length; p++) {
      int column = columns[p];
      int b = sourceBlockOf(column);
      global[p] = Math.toIntExact(sourceFirstRows[b] + needed[b][column - receivedOffsets[b]]);
    }
    // Received columns run block after block in ascending local order, and global indices
    // number the blocks in the same order, so each row stays sorted.
    return new Csr(plays.rows(), sourceRowCount, plays.indptr(), global, plays.values());
  }

  private int sourceBlockOf(int column) {
    int found = Arrays.binarySearch(receivedOffsets, column);
    if (found < 0) {
      return -found - 2;
    }
    // several empty blocks may share an offset: the one that owns the column is the last of them
    while (found + 1 < receivedOffsets.length && receivedOffsets[found + 1] == column) {
      found++;
    }
    return found;
  }

  private static int[] distinctSorted(int[] values, int count) {
    int[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    int distinct = 0;
    for (int i = 0; i < count; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[distinct++] = sorted[i];
      }
    }
    return Arrays.copyOf(sorted, distinct);
  }
}
