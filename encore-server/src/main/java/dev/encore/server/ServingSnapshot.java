package dev.encore.server;

import dev.encore.data.IdIndex;
import dev.encore.data.Interactions;
import dev.encore.model.FactorModel;
import dev.encore.model.RecommendOptions;
import dev.encore.popular.PopularityRecommender;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * What the server answers from at one moment: a trained model (or none yet), the plays it was
 * trained on with their track and listener ID indexes, and the tracks ranked by popularity.
 * Immutable; {@link LiveModel} swaps whole snapshots so a request never sees half of one.
 *
 * @param modelVersion the model's version in the models table, 0 when serving popularity alone
 * @param model the trained model, or null before the first one is ready
 * @param plays the plays behind the model (or behind the popularity when there is no model)
 * @param dataReadAt when those plays were read: plays stored later are folded in on top
 */
public record ServingSnapshot(long modelVersion, FactorModel model, Interactions plays, Instant dataReadAt,
    float[] popularity, int[] popularOrder) {

  /** A snapshot serving a trained model; popularity comes from the model's own training plays. */
  public static ServingSnapshot ofModel(long modelVersion, FactorModel model, Instant dataReadAt) {
    warmUp(model);
    return build(modelVersion, model, Interactions.of(model.users(), model.items(), model.played(), null),
        dataReadAt);
  }

  /** A snapshot that serves popularity alone, before any model is trained. */
  public static ServingSnapshot popularityOnly(Interactions plays, Instant dataReadAt) {
    return build(0, null, plays, dataReadAt);
  }

  private static ServingSnapshot build(long version, FactorModel model, Interactions plays, Instant readAt) {
    PopularityRecommender recommender = new PopularityRecommender(plays);
    int tracks = plays.items().size();
    float[] popularity = new float[tracks];
    for (int track = 0; track < tracks; track++) {
      popularity[track] = recommender.popularity(track);
    }
    // Most listeners first, ties to the lower index, the order TopK would give.
    int[] order = IntStream.range(0, tracks).boxed()
        .sorted(Comparator.<Integer>comparingDouble(track -> -popularity[track]).thenComparingInt(track -> track))
        .mapToInt(Integer::intValue).toArray();
    return new ServingSnapshot(version, model, plays, readAt, popularity, order);
  }

  /**
   * Builds the model's lazily made scoring panels now, before the snapshot is served, so the first
   * requests after a swap do not pay for them (or build them several times at once).
   */
  private static void warmUp(FactorModel model) {
    if (model.users().size() > 0 && model.items().size() > 1) {
      model.recommend(0, 1, RecommendOptions.keepPlayed());
      model.similarItems(model.items().idOf(0), 1);
      if (model.users().size() > 1) {
        model.similarUsers(model.users().idOf(0), 1);
      }
    }
  }

  public boolean hasModel() {
    return model != null;
  }

  public IdIndex tracks() {
    return plays.items();
  }

  public IdIndex listeners() {
    return plays.users();
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "ServingSnapshot[model " + modelVersion + ", " + plays + ", read at " + dataReadAt + ", "
        + Arrays.stream(popularOrder).limit(3).mapToObj(plays.items()::idOf).toList() + " most popular]";
  }
}
