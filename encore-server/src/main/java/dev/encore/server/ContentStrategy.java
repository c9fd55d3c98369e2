package dev.encore.server;

import dev.encore.content.ContentRecommender;
import dev.encore.content.TasteProfile;
import dev.encore.model.TopK;

/**
 * By sound: the listener's taste profile (the confidence-weighted mean and spread of the scaled
 * features of what they played, and the share of their plays per genre and mood) against every
 * track's features ({@link ContentRecommender}). The profile comes from the plays folded in since
 * the model was trained when there are any, else from the training plays, so a new play changes
 * the next answer. Needs no model; a listener none of whose tracks has features falls back.
 */
final class ContentStrategy extends PersonalStrategy {
  static final String NAME = "content";

  ContentStrategy(Fallback fallback) {
    super(NAME, fallback);
  }

  @Override
  public RecommendationResult recommend(ServingView view, RecommendationQuery query) {
    ContentRecommender content = view.snapshot().content().recommender("strategy '" + NAME + "'");
    TasteProfile profile = profile(view, content, query.userId());
    if (profile == null || profile.isEmpty()) {
      return fallback.noUsablePlays(view, query, "with features");
    }
    float[] scores = new float[content.items().size()];
    content.score(profile, scores);
    return RecommendationResult.of(NAME, content.toRecommendations(TopK.select(scores, query.n(),
        query.options().blockedItems(view.playedTracks(query.userId()), content.items()))));
  }

  /** From the folded-in plays, else the training plays; null when the listener has neither. */
  static TasteProfile profile(ServingView view, ContentRecommender content, String userId) {
    FoldedListener folded = view.folded(userId);
    if (folded != null) {
      return content.profile(folded.knownPlays());
    }
    int user = content.users().find(userId);
    return user >= 0 ? content.profile(user) : null;
  }
}
