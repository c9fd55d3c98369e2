package dev.encore.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.encore.data.Interactions;
import dev.encore.testing.RandomInteractions;
import org.junit.jupiter.api.Test;

class RandomRecommenderTest {
  private static final Interactions PLAYS = RandomInteractions.generate(400, 200, 0.05, 5, 1);

  @Test
  void scoresAreReproduciblePerUserAndDifferBetweenUsers() {
    RandomRecommender random = new RandomRecommender(PLAYS, 9);
    float[] first = new float[200];
    float[] again = new float[200];
    float[] other = new float[200];
    random.scoreAll(3, first);
    new RandomRecommender(PLAYS, 9).scoreAll(3, again);
    random.scoreAll(4, other);
    assertThat(again).containsExactly(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void recallAtKIsAboutKOverTheCandidates() {
    Split split = new RandomSplitter(0.3, 2).split(PLAYS);
    MetricReport report = RankingEvaluator.evaluate(new RandomRecommender(split.train(), 5), split.train(),
        split.test(), 20, 2);
    // About 193 candidates per user (200 minus ~7 trained), so recall@20 is near 20 / 193.
    assertThat(report.recall()).isCloseTo(20.0 / 193, within(0.02));
    assertThat(report.expectedPercentileRank()).isCloseTo(0.5, within(0.03));
  }
}
