package dev.encore.popular;

import dev.encore.data.Csr;
import dev.encore.data.Interactions;
import dev.encore.model.TrainedRecommender;
import java.util.Locale;
import java.util.Objects;

/**
 * Recommends the same popular items to everyone: the baseline any personalised model has to beat.
 * Every user gets the same scores; played items are still filtered per user, because
 * {@link #played()} is the training matrix.
 */
public final class PopularityRecommender extends TrainedRecommender {
  private final PopularityMeasure measure;
  private final float[] popularity;

  /** Popularity by number of distinct listeners. */
  public PopularityRecommender(Interactions train) {
    this(train, PopularityMeasure.LISTENERS);
  }

  public PopularityRecommender(Interactions train, PopularityMeasure measure) {
    super(train);
    this.measure = Objects.requireNonNull(measure, "measure");
    this.popularity = computePopularity(train.itemUsers(), measure);
  }

  private static float[] computePopularity(Csr itemUsers, PopularityMeasure measure) {
    float[] popularity = new float[itemUsers.rows()];
    float[] values = itemUsers.values();
    for (int item = 0; item < popularity.length; item++) {
      if (measure == PopularityMeasure.LISTENERS) {
        popularity[item] = itemUsers.rowLength(item);
      } else {
        // Summed in double so that millions of plays do not lose counts to float rounding.
        double plays = 0;
        for (int p = itemUsers.rowStart(item); p < itemUsers.rowEnd(item); p++) {
          plays += values[p];
        }
        popularity[item] = (float) plays;
      }
    }
    return popularity;
  }

  public PopularityMeasure measure() {
    return measure;
  }

  /** The popularity score of one item by dense index. */
  public float popularity(int item) {
    return popularity[item];
  }


  @Override
  public void scoreAll(int user, float[] scores) {
    if (user < 0 || user >= train.users().size()) {
      throw new IndexOutOfBoundsException(
          "user index " + user + " is outside 0.." + (train.users().size() - 1));
    }
    if (scores.length != popularity.length) {
      throw new IllegalArgumentException(
          "scores has length " + scores.length + ", want one per item: " + popularity.length);
    }
    System.arraycopy(popularity, 0, scores, 0, popularity.length);
  }

  @Override
  public String toString() {
    return "PopularityRecommender[" + measure.name().toLowerCase(Locale.ROOT) + ", " + train + "]";
  }
}
