package dev.encore.server;

import dev.encore.model.Recommendation;
import java.util.List;

/**
 * Ranked tracks and the strategy that really produced them: a strategy that cannot serve a
 * listener (no model yet, no plays the model knows) falls back to another and says why in
 * {@code note}, so a client never mistakes popularity for personalisation.
 */
public record RecommendationResult(String servedBy, List<Recommendation> tracks, String note) {

  public static RecommendationResult of(String servedBy, List<Recommendation> tracks) {
    return new RecommendationResult(servedBy, tracks, null);
  }

  /** The same answer with {@code why} added to its note (after any note it has). */
  public RecommendationResult withNote(String why) {
    return new RecommendationResult(servedBy, tracks, note == null ? why : note + " " + why);
  }
}
