package dev.encore.server;

import dev.encore.model.RecommendOptions;
import java.util.Set;

/**
 * What a client asked GET /v1/users/{id}/recommendations for: whose recommendations, how many,
 * which tracks may appear, and the genres and moods that pick starter tracks for a listener with
 * no plays yet (empty: any).
 */
public record RecommendationQuery(String userId, int n, RecommendOptions options, Set<String> genres, Set<String> moods) {

  public RecommendationQuery {
    genres = Set.copyOf(genres);
    moods = Set.copyOf(moods);
  }

  public boolean picksStarterTags() {
    return !genres.isEmpty() || !moods.isEmpty();
  }
}
