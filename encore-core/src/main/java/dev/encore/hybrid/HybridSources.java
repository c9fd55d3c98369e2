package dev.encore.hybrid;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.als.TrainingListener;
import dev.encore.content.ContentRecommender;
import dev.encore.content.FeatureTable;
import dev.encore.content.ItemFeatures;
import dev.encore.data.Interactions;
import dev.encore.model.FactorModel;
import dev.encore.popular.PopularityRecommender;
import java.util.Objects;

/**
 * The three recommenders a hybrid blends, over the same listeners and tracks: collaborative
 * (ALS factors), content (taste profiles over scaled audio features) and popularity. Trained once,
 * they can be blended with any number of {@link Blend}s, which is what makes tuning the weights
 * cheap.
 */
public record HybridSources(FactorModel als, ContentRecommender content, PopularityRecommender popularity) {

  public HybridSources {
    Objects.requireNonNull(als, "als");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(popularity, "popularity");
    requireSame("content", content.users().ids(), als.users().ids(), "users");
    requireSame("content", content.items().ids(), als.items().ids(), "items");
    requireSame("popularity", popularity.users().ids(), als.users().ids(), "users");
    requireSame("popularity", popularity.items().ids(), als.items().ids(), "items");
  }

  private static void requireSame(String source, Object ids, Object alsIds, String what) {
    if (!ids.equals(alsIds)) {
      throw new IllegalArgumentException("the " + source + " recommender and the ALS model differ in their " + what
          + ": the hybrid's sources must index listeners and tracks alike");
    }
  }

  /** Trains ALS on {@code plays} and builds the content and popularity recommenders beside it. */
  public static HybridSources fit(Interactions plays, FeatureTable scaledFeatures, AlsConfig config,
      TrainingListener listener) {
    FactorModel als = new AlsTrainer(config).fit(plays, listener);
    return of(als, plays, scaledFeatures);
  }

  /** The sources around an already trained model; {@code plays} are what it was trained on. */
  public static HybridSources of(FactorModel als, Interactions plays, FeatureTable scaledFeatures) {
    ItemFeatures features = ItemFeatures.align(plays.items(), scaledFeatures);
    return new HybridSources(als, new ContentRecommender(plays, features, als.settings().confidence()),
        new PopularityRecommender(plays));
  }

  /** The hybrid recommender of these sources under {@code blend}. */
  public HybridRecommender blend(Blend blend) {
    return new HybridRecommender(this, blend);
  }
}
