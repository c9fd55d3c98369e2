package dev.encore.server;

import dev.encore.hybrid.Blend;
import dev.encore.hybrid.HybridRecommender;

/**
 * ALS, content and popularity blended ({@link HybridRecommender}: each source normalised over the
 * listener's unplayed tracks and weighted by the serving version's blend, chosen on validation
 * when it was trained, {@link Blend#DEFAULT} otherwise). The listener's factors and taste profile both come from the plays folded in since the
 * model was trained when there are any. A listener the model cannot place falls back.
 */
final class HybridStrategy extends PersonalStrategy {
  static final String NAME = "hybrid";

  HybridStrategy(Fallback fallback) {
    super(NAME, fallback);
  }

  @Override
  public RecommendationResult recommend(ServingView view, RecommendationQuery query) {
    HybridRecommender hybrid = view.snapshot().content().hybrid("strategy '" + NAME + "'");
    if (hybrid == null) {
      return fallback.noModel(view, query);
    }
    ModelListener listener = ModelListener.place(view, query.userId());
    if (listener == null) {
      return fallback.noUsablePlays(view, query, "the model knows");
    }
    return RecommendationResult.of(NAME, listener.isFolded()
        ? hybrid.recommend(listener.folded().vector(), listener.folded().knownPlays(), query.n(), query.options())
        : hybrid.recommend(query.userId(), query.n(), query.options()));
  }
}
