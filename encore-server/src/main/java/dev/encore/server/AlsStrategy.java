package dev.encore.server;

import dev.encore.model.FactorModel;

/**
 * Collaborative filtering: the listener's factors (folded in from their newest plays, else their
 * trained row) against every track's. A listener the model cannot place (no model yet, or none
 * of their tracks in it) falls back.
 */
final class AlsStrategy extends PersonalStrategy {
  static final String NAME = "als";

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
    return RecommendationResult.of(NAME, listener.isFolded()
        ? model.recommend(listener.folded().vector(), listener.folded().playedTracks(), query.n(), query.options())
        : model.recommend(query.userId(), query.n(), query.options()));
  }
}
