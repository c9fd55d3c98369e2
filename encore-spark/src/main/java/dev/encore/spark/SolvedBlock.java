package dev.encore.spark;

import java.io.Serializable;

/** A block's factors after a half-step, with its share of the training loss (NaN when not computed). */
final class SolvedBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  final float[] factors;
  final double loss;

  SolvedBlock(float[] factors, double loss) {
    this.factors = factors;
    this.loss = loss;
  }
}
