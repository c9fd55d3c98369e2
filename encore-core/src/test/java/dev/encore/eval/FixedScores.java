package dev.encore.eval;

import dev.encore.data.Interactions;
import dev.encore.model.TrainedRecommender;

/** A recommender whose scores are given up front: one row of item scores per user. */
final class FixedScores extends TrainedRecommender {
  private final float[][] scores;

  FixedScores(Interactions train, float[][] scores) {
    super(train);
    this.scores = scores;
  }

  @Override
  public void scoreAll(int user, float[] out) {
    System.arraycopy(scores[user], 0, out, 0, out.length);
  }
}
