package dev.encore.server;

import dev.encore.content.ContentRecommender;
import dev.encore.content.ContentSimilarity;
import dev.encore.content.ItemFeatures;
import dev.encore.data.Confidence;
import dev.encore.data.Interactions;
import dev.encore.hybrid.Blend;
import dev.encore.hybrid.HybridRecommender;
import dev.encore.hybrid.HybridSimilarity;
import dev.encore.hybrid.HybridSources;
import dev.encore.model.FactorModel;
import dev.encore.popular.PopularityRecommender;

/**
 * The content side of one snapshot, built with it and never per request: the catalogue's
 * features ({@link CatalogueFeatures}), the taste-profile recommender over the snapshot's plays,
 * and, once there is a model, the hybrid recommender (ALS, content and popularity under the
 * model version's blend, chosen on validation when it was trained) and the hybrid similar-tracks
 * blend ({@link HybridSimilarity#DEFAULT}).
 * Asking for a part the catalogue cannot support (no track has features, or none has tags) is a
 * 400 telling the client how to import them.
 */
public final class ServingContent {
  private final CatalogueFeatures features;
  /** The scaled features and tags laid out by the snapshot's track index. */
  private final ItemFeatures itemFeatures;
  private final boolean tagged;
  private final ContentRecommender recommender;
  private final HybridRecommender hybrid;
  private final HybridSimilarity hybridSimilarity;
  private final Confidence confidence;
  private final Blend blend;

  private ServingContent(CatalogueFeatures features, ItemFeatures itemFeatures, ContentRecommender recommender,
      HybridRecommender hybrid, HybridSimilarity hybridSimilarity, Confidence confidence, Blend blend) {
    this.features = features;
    this.confidence = confidence;
    this.blend = blend;
    this.itemFeatures = itemFeatures;
    this.tagged = features.hasTags();
    this.recommender = recommender;
    this.hybrid = hybrid;
    this.hybridSimilarity = hybridSimilarity;
  }

  /**
   * @param plays the snapshot's plays, whose track index every part shares
   * @param popularity over {@code plays}
   * @param model the snapshot's model over the same tracks, or null before the first one
   * @param confidence how plays weigh in a taste profile: the model's, or the training settings'
   * @param blend the hybrid's weights; used only with a model
   */
  static ServingContent of(CatalogueFeatures features, Interactions plays, PopularityRecommender popularity,
      FactorModel model, Confidence confidence, Blend blend) {
    ItemFeatures itemFeatures = ItemFeatures.align(plays.items(), features.scaled());
    if (!features.hasFeatures()) {
      return new ServingContent(features, itemFeatures, null, null, null, confidence, blend);
    }
    ContentRecommender recommender = new ContentRecommender(plays, itemFeatures, confidence);
    if (model == null) {
      return new ServingContent(features, itemFeatures, recommender, null, null, confidence, blend);
    }
    HybridRecommender hybrid = new HybridSources(model, recommender, popularity).blend(blend);
    HybridSimilarity similarity = new HybridSimilarity(model, features.similarity(), popularity,
        HybridSimilarity.DEFAULT);
    return new ServingContent(features, itemFeatures, recommender, hybrid, similarity, confidence, blend);
  }

  /** The catalogue it was built from, and how plays weigh and the hybrid blends: to build it again over other plays. */
  CatalogueFeatures features() {
    return features;
  }

  Confidence confidence() {
    return confidence;
  }

  Blend blend() {
    return blend;
  }

  boolean hasFeatures() {
    return features.hasFeatures();
  }

  /** Taste-profile ranking; {@code asked} names what needed it in the error, e.g. "strategy 'content'". */
  ContentRecommender recommender(String asked) {
    requireFeatures(asked);
    return recommender;
  }

  /** Sound-and-tags similarity over the catalogue's tracks (its own index, not the snapshot's). */
  ContentSimilarity similarity(String asked) {
    requireFeatures(asked);
    return features.similarity();
  }

  /** The hybrid recommender; null while there is no model (features are checked first). */
  HybridRecommender hybrid(String asked) {
    requireFeatures(asked);
    return hybrid;
  }

  /** The hybrid similar-tracks blend; null while there is no model (features are checked first). */
  HybridSimilarity hybridSimilarity(String asked) {
    requireFeatures(asked);
    return hybridSimilarity;
  }

  /** The tracks' genre and mood tags by the snapshot's track index, for picking starter tracks. */
  ItemFeatures tags(String asked) {
    if (!tagged) {
      throw missing(asked + " picks among the tracks' genre and mood tags", "tags");
    }
    return itemFeatures;
  }

  private void requireFeatures(String asked) {
    if (!features.hasFeatures()) {
      throw missing(asked + " ranks tracks by their audio features", "features");
    }
  }

  private static ApiException missing(String what, String kind) {
    return ApiException.badRequest("no_track_features", what + ", and no track in the catalogue has " + kind
        + " yet. Import them with `encore import --tracks FILE` or POST /v1/tracks with \"features\", \"genres\""
        + " and \"moods\", then retrain (POST /v1/models/train).");
  }
}
