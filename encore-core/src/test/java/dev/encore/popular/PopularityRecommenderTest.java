package dev.encore.popular;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.data.Interactions;
import dev.encore.data.InteractionsBuilder;
import dev.encore.model.RecommendOptions;
import dev.encore.model.Recommendation;
import java.util.List;
import org.junit.jupiter.api.Test;

class PopularityRecommenderTest {

  /** Track a: 3 listeners, 6 plays; b: 1 listener, 1 play; c: 1 listener, 5 plays. */
  private static Interactions plays() {
    return new InteractionsBuilder()
        .add("ann", "a", 3).add("ann", "b", 1)
        .add("bob", "a", 1)
        .add("cy", "a", 2).add("cy", "c", 5)
        .build();
  }

  @Test
  void scoresCountDistinctListenersByDefault() {
    PopularityRecommender popular = new PopularityRecommender(plays());
    float[] scores = new float[3];
    popular.scoreAll(0, scores);
    assertThat(popular.measure()).isEqualTo(PopularityMeasure.LISTENERS);
    assertThat(scores).containsExactly(3f, 1f, 1f);
  }

  @Test
  void scoresSumPlaysWhenAskedTo() {
    PopularityRecommender popular = new PopularityRecommender(plays(), PopularityMeasure.PLAYS);
    float[] scores = new float[3];
    popular.scoreAll(1, scores);
    assertThat(scores).containsExactly(6f, 1f, 5f);
  }

  @Test
  void everyUserGetsTheSameScores() {
    PopularityRecommender popular = new PopularityRecommender(plays());
    float[] first = new float[3];
    float[] other = new float[3];
    popular.scoreAll(0, first);
    for (int user = 1; user < 3; user++) {
      popular.scoreAll(user, other);
      assertThat(other).containsExactly(first);
    }
  }

  @Test
  void recommendSkipsPlayedTracks() {
    PopularityRecommender byListeners = new PopularityRecommender(plays());
    assertThat(byListeners.recommend("ann", 3, RecommendOptions.DEFAULT))
        .containsExactly(new Recommendation("c", 1f));
    // b and c tie on one listener each: the lower index wins, as everywhere in Encore.
    assertThat(byListeners.recommend("bob", 3, RecommendOptions.DEFAULT))
        .containsExactly(new Recommendation("b", 1f), new Recommendation("c", 1f));

    PopularityRecommender byPlays = new PopularityRecommender(plays(), PopularityMeasure.PLAYS);
    List<Recommendation> forBob = byPlays.recommend("bob", 3, RecommendOptions.DEFAULT);
    assertThat(forBob).containsExactly(new Recommendation("c", 5f), new Recommendation("b", 1f));
  }

  @Test
  void keepPlayedReturnsThePlainPopularityOrder() {
    PopularityRecommender popular = new PopularityRecommender(plays(), PopularityMeasure.PLAYS);
    assertThat(popular.recommend("cy", 3, RecommendOptions.keepPlayed()))
        .extracting(Recommendation::itemId).containsExactly("a", "c", "b");
  }
}
