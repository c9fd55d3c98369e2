package dev.encore.server;

/**
 * What a personal strategy answers when it cannot serve a listener: the popular strategy's tracks
 * (starter tracks of the picked genres and moods for a listener with no plays), with a note saying
 * why, so a client never mistakes popularity for personalisation.
 */
final class Fallback {
  private final RecommendationStrategy popular;

  Fallback(RecommendationStrategy popular) {
    this.popular = popular;
  }

  RecommendationResult noModel(ServingView view, RecommendationQuery query) {
    return instead(view, query, "No model is trained yet (see GET /v1/models)");
  }

  /** The listener has no plays of the tracks a strategy can use: {@code usable}, e.g. "the model knows". */
  RecommendationResult noUsablePlays(ServingView view, RecommendationQuery query, String usable) {
    return instead(view, query, "Listener '" + query.userId() + "' has no plays of tracks " + usable + " yet");
  }

  private RecommendationResult instead(ServingView view, RecommendationQuery query, String why) {
    return popular.recommend(view, query).withNote(why + "; these are the most popular tracks"
        + (query.picksStarterTags() ? " of the picked genres and moods" : "") + " instead.");
  }
}
