package dev.encore.server;

import dev.encore.model.FactorModel;
import dev.encore.model.RecommendQuery;
import dev.encore.model.RecommendOptions;

/**
 * Collaborative filtering: the listener's factors (folded in from their newest plays, else their
 * trained row) against every track's. A listener the model cannot place (no model yet, or none
 * of their tracks in it) gets {@code fallback}'s answer with a note saying why.
 */
final class AlsStrategy implements RecommendationStrategy {
  static final String NAME = "als";
  private final RecommendationStrategy fallback;
  // Half the cores score batches; the other half parse requests and write answers, so that
  // requests keep arriving while a batch is scored (measured on 2 cores: 5,700 requests/s with one
  // scorer thread, 4,900 with two).
  private final RecommendationBatcher batcher =
      new RecommendationBatcher(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));

  AlsStrategy(RecommendationStrategy fallback) {
    this.fallback = fallback;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RecommendationResult recommend(ServingView view, String userId, int n, RecommendOptions options) {
    FactorModel model = view.snapshot().model();
    if (model == null) {
      return fallback.recommend(view, userId, n, options).withNote(
          "No model is trained yet (see GET /v1/models); these are the most popular tracks instead.");
    }
    FoldedListener folded = view.folded(userId);
    if (folded != null && folded.hasVector()) {
      return RecommendationResult.of(NAME,
          batcher.recommend(model, new RecommendQuery(folded.vector(), folded.playedTracks(), n, options)));
    }
    if (folded == null && model.users().contains(userId)) {
      return RecommendationResult.of(NAME, batcher.recommend(model, model.query(userId, n, options)));
    }
    return fallback.recommend(view, userId, n, options).withNote("Listener '" + userId
        + "' has no plays of tracks the model knows yet; these are the most popular tracks instead.");
  }
}
