package dev.encore.model;

import dev.encore.data.Csr;
import dev.encore.data.IdIndex;
import dev.encore.data.Interactions;
import java.util.Objects;

/**
 * A recommender built on one set of plays: its listeners, tracks and played matrix are those of
 * the plays it was given, so subclasses only say how they score.
 */
public abstract class TrainedRecommender implements Recommender {
  /** The plays this recommender was built on. */
  protected final Interactions train;

  protected TrainedRecommender(Interactions train) {
    this.train = Objects.requireNonNull(train, "train");
  }

  @Override
  public final IdIndex users() {
    return train.users();
  }

  @Override
  public final IdIndex items() {
    return train.items();
  }

  @Override
  public final Csr played() {
    return train.userItems();
  }
}
