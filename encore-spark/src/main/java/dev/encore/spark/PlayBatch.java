package dev.encore.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Summed (user, item) play counts bound for one block, in four primitive arrays: {@code rows} are
 * the local rows in the block they go to, {@code sourceBlocks} and {@code sourceLocals} the other
 * side's block and local row. Plays cross the shuffle in batches like this one, 16 bytes a play,
 * because one serialised object per play cost ten times the bytes and most of the time of
 * building the blocks (synth-100m: 17 GB of shuffle files for the first side).
 */
final class PlayBatch implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Plays a batch holds before it is sent, bounding each task's buffers. */
  static final int CAPACITY = 1 << 20;

  private int[] rows = new int[64];
  private int[] sourceBlocks = new int[64];
  private int[] sourceLocals = new int[64];
  private float[] counts = new float[64];
  private int size;

  void add(int row, int sourceBlock, int sourceLocal, float count) {
    if (size == rows.length) {
      int grown = size * 2;
      rows = Arrays.copyOf(rows, grown);
      sourceBlocks = Arrays.copyOf(sourceBlocks, grown);
      sourceLocals = Arrays.copyOf(sourceLocals, grown);
      counts = Arrays.copyOf(counts, grown);
    }
    rows[size] = row;
    sourceBlocks[size] = sourceBlock;
    sourceLocals[size] = sourceLocal;
    counts[size] = count;
    size++;
  }

  boolean isFull() {
    return size >= CAPACITY;
  }

  int size() {
    return size;
  }

  int row(int play) {
    return rows[play];
  }

  int sourceBlock(int play) {
    return sourceBlocks[play];
  }

  int sourceLocal(int play) {
    return sourceLocals[play];
  }

  float count(int play) {
    return counts[play];
  }

  /** Trims the arrays to the plays held, before the batch is serialised. */
  PlayBatch trimmed() {
    rows = Arrays.copyOf(rows, size);
    sourceBlocks = Arrays.copyOf(sourceBlocks, size);
    sourceLocals = Arrays.copyOf(sourceLocals, size);
    counts = Arrays.copyOf(counts, size);
    return this;
  }
}
