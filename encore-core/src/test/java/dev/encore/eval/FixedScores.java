package dev.encore.eval;

import dev.encore.data.Csr;
import dev.encore.data.IdIndex;
import dev.encore.data.Interactions;
import dev.encore.model.Recommender;

/** A recommender whose scores are given up front: one row of item scores per user. */
final class FixedScores implements Recommender {
  private final Interactions train;
  private final float[][] scores;

  FixedScores(Interactions train, float[][] scores) {
    this.train = train;
    this.scores = scores;
  }

  @Override
  public IdIndex users() {
    return train.users();
  }

  @Override
  public IdIndex items() {
    return train.items();
  }

  @Override
  public Csr played() {
    return train.userItems();
  }

  @Override
  public void scoreAll(int user, float[] out) {
    System.arraycopy(scores[user], 0, out, 0, out.length);
  }
}
