package dev.encore.spark;

import java.io.Serializable;

/**
 * One summed (user, item) play count, addressed from the side of the block it is shuffled to:
 * {@code row} is the local index in that block, {@code sourceBlock} and {@code sourceLocal} the
 * other side's block and local index.
 */
final class Play implements Serializable {
  private static final long serialVersionUID = 1L;

  final int row;
  final int sourceBlock;
  final int sourceLocal;
  final float count;

  Play(int row, int sourceBlock, int sourceLocal, float count) {
    this.row = row;
    this.sourceBlock = sourceBlock;
    this.sourceLocal = sourceLocal;
    this.count = count;
  }
}
