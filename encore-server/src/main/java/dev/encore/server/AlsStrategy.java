package dev.encore.server;

import dev.encore.model.FactorModel;
import dev.encore.model.RecommendQuery;

/**
 * Collaborative filtering: the listener's factors (folded in from their newest plays, else their
 * trained row) against every track's, scored in batches with other requests in flight. A
 * listener the model cannot place (no model yet, or none of their tracks in it) falls back.
 */
final class AlsStrategy extends PersonalStrategy {
  static final String NAME = "als";
  private static final BatchScorer<RecommendQuery> SCORER =
      new BatchScorer<>("recommend", BatchScorer.DEFAULT_SCORERS, FactorModel::recommendBatch);

  AlsStrategy(Fallback fallback) {
    super(NAME, fallback);
  }

  @Override
  public RecommendationResult recommend(ServingView view, RecommendationQuery query) {
    FactorModel model = view.snapshot().model();
    if (model == null) {
      return fallback.noModel(view, query);
    }
    ModelListener listener = ModelListener.place(view, query.userId());
    if (listener == null) {
      return fallback.noUsablePlays(view, query, "the model knows");
    }
    RecommendQuery question = listener.isFolded()
        ? new RecommendQuery(listener.folded().vector(), listener.folded().playedTracks(), query.n(), query.options())
        : model.query(query.userId(), query.n(), query.options());
    return RecommendationResult.of(NAME, SCORER.answer(model, question));
  }
}
