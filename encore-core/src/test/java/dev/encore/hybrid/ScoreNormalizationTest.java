package dev.encore.hybrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ScoreNormalizationTest {
  private static final int[] NONE = new int[0];

  @Test
  void zScoreIsComputedOverTheCandidatesOnly() {
    // Items 1 and 3 are played: their huge scores must not stretch the scale of the others.
    float[] scores = {1, 100, 3, -50, 5};
    ScoreNormalization.Z_SCORE.apply(scores, 5, new int[] {1, 3}, 0, 2);
    double sd = Math.sqrt(8.0 / 3);
    assertThat(scores[0]).isCloseTo((float) (-2 / sd), within(1e-6f));
    assertThat(scores[2]).isCloseTo(0f, within(1e-6f));
    assertThat(scores[4]).isCloseTo((float) (2 / sd), within(1e-6f));
    assertThat(scores[1]).as("played items follow the same map").isCloseTo((float) (97 / sd), within(1e-4f));
  }

  @Test
  void unknownScoresBecomeTheNeutralZeroAndDoNotShapeTheScale() {
    float[] scores = {2, Float.NaN, 4};
    ScoreNormalization.Z_SCORE.apply(scores, 3, NONE, 0, 0);
    assertThat(scores).containsExactly(-1f, 0f, 1f);
    float[] ranked = {2, Float.NaN, 4};
    ScoreNormalization.RANK.apply(ranked, 3, NONE, 0, 0);
    assertThat(ranked[1]).isZero();
    assertThat(ranked[0]).isCloseTo(-ranked[2], within(1e-6f));
  }

  @Test
  void constantScoresCarryNoPreference() {
    for (ScoreNormalization normalization : ScoreNormalization.values()) {
      float[] scores = {7, 7, 7, 7};
      normalization.apply(scores, 4, NONE, 0, 0);
      assertThat(scores).as(normalization.toString()).containsOnly(0f);
    }
  }

  @Test
  void rankGivesTiesTheirMidRankAndUnitVariance() {
    float[] scores = {10, 20, 20, 30};
    ScoreNormalization.RANK.apply(scores, 4, NONE, 0, 0);
    double unit = Math.sqrt(12);
    // Mid-rank quantiles: 1/8, 4/8 (twice), 7/8.
    assertThat(scores[0]).isCloseTo((float) ((0.125 - 0.5) * unit), within(1e-6f));
    assertThat(scores[1]).isEqualTo(scores[2]).isCloseTo(0f, within(1e-6f));
    assertThat(scores[3]).isCloseTo((float) ((0.875 - 0.5) * unit), within(1e-6f));

    Random random = new Random(1);
    float[] many = new float[5000];
    for (int i = 0; i < many.length; i++) {
      many[i] = (float) Math.exp(5 * random.nextGaussian());
    }
    ScoreNormalization.RANK.apply(many, many.length, NONE, 0, 0);
    double sum = 0;
    double sumSquares = 0;
    for (float value : many) {
      sum += value;
      sumSquares += value * value;
    }
    assertThat(sum / many.length).isCloseTo(0, within(1e-3));
    assertThat(sumSquares / many.length).isCloseTo(1, within(1e-3));
  }

  @Property(tries = 200)
  void bothNormalizationsKeepTheOrderOfScores(@ForAll @Size(min = 2, max = 40) float[] raw,
      @ForAll @FloatRange(min = -1e6f, max = 1e6f) float shift) {
    for (ScoreNormalization normalization : ScoreNormalization.values()) {
      float[] scores = raw.clone();
      for (int i = 0; i < scores.length; i++) {
        scores[i] = Float.isFinite(scores[i]) ? Math.max(-1e30f, Math.min(1e30f, scores[i])) + shift : 0f;
      }
      float[] before = scores.clone();
      normalization.apply(scores, scores.length, NONE, 0, 0);
      for (int a = 0; a < scores.length; a++) {
        for (int b = 0; b < scores.length; b++) {
          if (before[a] < before[b]) {
            assertThat(scores[a]).as("%s: %s < %s", normalization, before[a], before[b]).isLessThanOrEqualTo(scores[b]);
          }
        }
      }
    }
  }

  @Test
  void parsesBothSpellings() {
    assertThat(ScoreNormalization.parse("z-score")).isEqualTo(ScoreNormalization.Z_SCORE);
    assertThat(ScoreNormalization.parse("RANK")).isEqualTo(ScoreNormalization.RANK);
    assertThat(ScoreNormalization.Z_SCORE).hasToString("z-score");
    assertThatThrownBy(() -> ScoreNormalization.parse("minmax")).hasMessageContaining("'minmax' is not one of z-score, rank");
  }
}
