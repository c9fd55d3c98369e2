package dev.encore.spark;

import java.io.Serializable;

/** Factor rows one source block sends to one destination block, in the order of its {@link OutBlock}. */
final class FactorShipment implements Serializable {
  private static final long serialVersionUID = 1L;

  final int sourceBlock;
  final float[] rows;

  FactorShipment(int sourceBlock, float[] rows) {
    this.sourceBlock = sourceBlock;
    this.rows = rows;
  }
}
