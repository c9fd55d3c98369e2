package dev.encore.server;

import dev.encore.content.FeatureTable;
import dev.encore.data.Confidence;
import dev.encore.data.IdIndex;
import dev.encore.data.Interactions;
import dev.encore.hybrid.Blend;
import dev.encore.model.FactorModel;
import dev.encore.model.RecommendOptions;
import dev.encore.popular.PopularityRecommender;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server answers from at one moment: a trained model (or none yet), the plays it was
 * trained on with their track and listener ID indexes, the tracks ranked by popularity, and the
 * catalogue's content (features, taste profiles, hybrid blends). Immutable, and every part is
 * built here once; {@link LiveModel} swaps whole snapshots so a request never sees half of one.
 *
 * <p>The tracks are the model's plus the catalogue's tracks with features but no plays yet, which
 * get factors regressed from their features ({@link CatalogueFeatures#withNewTracks}): they have
 * no plays, so popularity ranks them last, but ALS, content and hybrid can recommend them.
 *
 * @param modelVersion the model's version in the models table, 0 when serving popularity alone
 * @param model the trained model (with the new tracks), or null before the first one is ready
 * @param plays the plays behind the model (or behind the popularity when there is no model)
 * @param dataReadAt when those plays were read: plays stored later are folded in on top
 * @param popularity listeners per track
 * @param popularOrder track indices, most listeners first
 * @param content the content and hybrid recommenders over the same tracks
 */
public record ServingSnapshot(long modelVersion, FactorModel model, Interactions plays, Instant dataReadAt,
    PopularityRecommender popularity, int[] popularOrder, ServingContent content) {
  private static final Logger LOG = LoggerFactory.getLogger(ServingSnapshot.class);

  /**
   * A snapshot serving a trained model and the catalogue read with it; popularity comes from the
   * model's own training plays, and the hybrid blends under {@code blend} (the version's).
   */
  public static ServingSnapshot ofModel(long modelVersion, FactorModel trained, FeatureTable catalogue, Blend blend,
      Instant dataReadAt) {
    long start = System.nanoTime();
    CatalogueFeatures features = CatalogueFeatures.of(catalogue);
    FactorModel model = features.withNewTracks(trained);
    warmUp(model);
    ServingSnapshot snapshot = build(modelVersion, model, Interactions.of(model.users(), model.items(), model.played(),
        null), dataReadAt, features, model.settings().confidence(), blend);
    LOG.info("model version {} ready to serve: {} listeners, {} tracks ({} described by features or tags) in {} ms",
        modelVersion, model.users().size(), model.items().size(), catalogue.trackCount(),
        (System.nanoTime() - start) / 1_000_000);
    return snapshot;
  }

  /**
   * A snapshot that serves popularity and content alone, before any model is trained; taste
   * profiles weigh plays by {@code confidence} (the training settings').
   */
  public static ServingSnapshot popularityOnly(Interactions plays, FeatureTable catalogue, Confidence confidence,
      Instant dataReadAt) {
    return build(0, null, plays, dataReadAt, CatalogueFeatures.of(catalogue), confidence, null);
  }

  private static ServingSnapshot build(long version, FactorModel model, Interactions plays, Instant readAt,
      CatalogueFeatures features, Confidence confidence, Blend blend) {
    PopularityRecommender popularity = new PopularityRecommender(plays);
    // Most listeners first, ties to the lower index, the order TopK would give.
    int[] order = IntStream.range(0, plays.items().size()).boxed()
        .sorted(Comparator.<Integer>comparingDouble(track -> -popularity.popularity(track))
            .thenComparingInt(track -> track))
        .mapToInt(Integer::intValue).toArray();
    ServingContent content = ServingContent.of(features, plays, popularity, model, confidence, blend);
    return new ServingSnapshot(version, model, plays, readAt, popularity, order, content);
  }

  /**
   * This snapshot without the listener (a privacy delete): their row of the model and of the
   * plays gone, popularity and taste profiles built again without their plays. Itself when it
   * does not hold them.
   */
  ServingSnapshot withoutListener(String userId) {
    if (!listeners().contains(userId)) {
      return this;
    }
    FactorModel smaller = model == null ? null : model.withoutUser(userId);
    return rebuilt(smaller, plays.withoutUser(userId), content.features());
  }

  /**
   * This snapshot without the track: its row of the model, its plays and (from {@code catalogue},
   * the store's catalogue without it) its features gone.
   */
  ServingSnapshot withoutTrack(String trackId, FeatureTable catalogue) {
    if (!tracks().contains(trackId)) {
      return rebuilt(model, plays, CatalogueFeatures.of(catalogue));
    }
    FactorModel smaller = model == null ? null : model.withoutItem(trackId);
    return rebuilt(smaller, plays.withoutItem(trackId), CatalogueFeatures.of(catalogue));
  }

  private ServingSnapshot rebuilt(FactorModel smaller, Interactions remaining, CatalogueFeatures features) {
    if (smaller != null) {
      warmUp(smaller);
    }
    return build(modelVersion, smaller, remaining, dataReadAt, features, content.confidence(), content.blend());
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
        + Arrays.stream(popularOrder).limit(3).mapToObj(plays.items()::idOf).toList() + " most popular, content "
        + (content.hasFeatures() ? "on" : "off") + "]";
  }
}
