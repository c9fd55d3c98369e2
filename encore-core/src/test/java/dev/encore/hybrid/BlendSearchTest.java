package dev.encore.hybrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.tune.Tuner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlendSearchTest {
  private static final Blend ALS = new Blend(1, 0, 0, ScoreNormalization.Z_SCORE);
  private static final Blend POPULAR = new Blend(0.5, 0, 1, ScoreNormalization.Z_SCORE);
  private static final Blend BROAD = new Blend(0.5, 1, 0.25, ScoreNormalization.Z_SCORE);
  private static final Blend CONTENT = new Blend(0, 1, 0, ScoreNormalization.Z_SCORE);

  /** A trial scoring {@code objective} on the searched metric. */
  private static Tuner.Trial<Blend> trial(Blend blend, double objective, double coverage) {
    return new Tuner.Trial<>(blend, Map.of("searched", objective, "coverage@10", coverage), objective, 0);
  }

  private static Tuner.Result<Blend> run(String metric, List<Tuner.Trial<Blend>> trials) {
    return new Tuner.Result<>(metric, trials, trials.get(0));
  }

  @Test
  void aBlendThatWinsTheMetricButCoversLessThanAlsIsPassedOver() {
    BlendSearch.Result result = BlendSearch.pick(run("ndcg@10", List.of(
        trial(POPULAR, 0.40, 0.05), trial(ALS, 0.35, 0.47), trial(BROAD, 0.38, 0.82), trial(CONTENT, 0.18, 0.96))));
    assertThat(result.chosen()).isEqualTo(BROAD);
    assertThat(result.coverageFloor()).isEqualTo(0.47);
    assertThat(result.trials().trials()).hasSize(4);
    assertThat(result.eligible(result.trials().trials().get(0))).isFalse();
    assertThat(result.eligible(result.trials().trials().get(3))).isTrue();
  }

  @Test
  void alsAloneIsChosenWhenNoBroaderBlendBeatsIt() {
    BlendSearch.Result result = BlendSearch.pick(run("ndcg@10", List.of(
        trial(POPULAR, 0.40, 0.05), trial(ALS, 0.35, 0.47), trial(BROAD, 0.35, 0.82), trial(CONTENT, 0.18, 0.96))));
    assertThat(result.chosen()).as("a tie keeps ALS alone").isEqualTo(ALS);
  }

  @Test
  void aMetricWhereLowerIsBetterIsMinimised() {
    BlendSearch.Result result = BlendSearch.pick(run("epr", List.of(
        trial(ALS, 0.10, 0.47), trial(BROAD, 0.08, 0.82), trial(CONTENT, 0.20, 0.96), trial(POPULAR, 0.05, 0.05))));
    assertThat(result.chosen()).isEqualTo(BROAD);
  }

  @Test
  void alsAloneIsAddedFirstWhenMissingAndTheRuleNeedsIt() {
    assertThat(BlendSearch.withAlsAlone(List.of(BROAD, CONTENT))).containsExactly(ALS, BROAD, CONTENT);
    Blend alsByRank = new Blend(2, 0, 0, ScoreNormalization.RANK);
    assertThat(BlendSearch.withAlsAlone(List.of(BROAD, alsByRank))).containsExactly(BROAD, alsByRank);
    assertThatThrownBy(() -> BlendSearch.pick(run("ndcg@10", List.of(trial(BROAD, 0.38, 0.82)))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ALS-alone");
  }

  @Test
  void theDescriptionNamesTheChoiceTheFloorAndEachCandidate() {
    BlendSearch.Result result = BlendSearch.pick(run("ndcg@10", List.of(trial(ALS, 0.35, 0.47),
        trial(POPULAR, 0.40, 0.05))));
    Map<String, Object> described = result.describe();
    assertThat(described).containsEntry("chosen", BlendSearch.toMap(ALS)).containsEntry("coverageFloor", 0.47)
        .containsEntry("metric", "ndcg@10");
    assertThat((List<?>) described.get("candidates")).hasSize(2);
  }
}
