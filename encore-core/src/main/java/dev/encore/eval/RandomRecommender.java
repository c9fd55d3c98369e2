package dev.encore.eval;

import dev.encore.data.Interactions;
import dev.encore.model.TrainedRecommender;
import java.util.SplittableRandom;

/**
 * Scores every item uniformly at random: the floor any recommender must clear. Each user's scores
 * come from their own seeded stream, so the ranking is the same on every run and thread count.
 */
public final class RandomRecommender extends TrainedRecommender {
  private final long seed;

  public RandomRecommender(Interactions train, long seed) {
    super(train);
    this.seed = seed;
  }


  @Override
  public void scoreAll(int user, float[] scores) {
    SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (user + 1)));
    for (int item = 0; item < train.items().size(); item++) {
      scores[item] = random.nextFloat();
    }
  }

  @Override
  public String toString() {
    return "RandomRecommender[seed " + seed + "]";
  }
}
