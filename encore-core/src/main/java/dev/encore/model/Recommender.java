package dev.encore.model;

import dev.encore.data.Csr;
import dev.encore.data.IdIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * Anything that scores every item for a known user: ALS factor models, popularity, and later the
 * content and hybrid recommenders. Ranking, filtering and ID mapping live here once, so every
 * recommender filters played items and breaks ties the same way.
 */
public interface Recommender {

  IdIndex users();

  IdIndex items();

  /** The user x item plays the recommender knows, used to skip what was played. */
  Csr played();

  /** Writes a score for every item into {@code scores} (length = number of items). */
  void scoreAll(int user, float[] scores);

  /** The top {@code n} items for a user by dense index, best first. */
  default List<ScoredItem> recommend(int user, int n, RecommendOptions options) {
    float[] scores = new float[items().size()];
    scoreAll(user, scores);
    return TopK.select(scores, n, options.blockedItems(played(), user, items()));
  }

  /** The top {@code n} items for an external user ID; an unknown ID is an error naming it. */
  default List<Recommendation> recommend(String userId, int n, RecommendOptions options) {
    return toRecommendations(recommend(users().indexOf(userId), n, options));
  }

  /** Maps dense item indices back to external IDs. */
  default List<Recommendation> toRecommendations(List<ScoredItem> ranked) {
    List<Recommendation> result = new ArrayList<>(ranked.size());
    for (ScoredItem item : ranked) {
      result.add(new Recommendation(items().idOf(item.index()), item.score()));
    }
    return result;
  }
}
