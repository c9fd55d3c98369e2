package dev.encore.hybrid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.als.AlsConfig;
import dev.encore.als.TrainingListener;
import dev.encore.content.FeatureScaler;
import dev.encore.content.FeatureTable;
import dev.encore.eval.MetricReport;
import dev.encore.synth.PlayGenerator;
import dev.encore.synth.SynthConfig;
import org.junit.jupiter.api.Test;

class ColdStartEvaluationTest {

  @Test
  void newTracksReachTheirListenersFarBetterThanPopularityOrChance() {
    PlayGenerator generator = new PlayGenerator(SynthConfig.small());
    FeatureTable raw = generator.catalogue().featureTable();
    ColdStartEvaluation.Result result = ColdStartEvaluation.run(generator, raw.scaledBy(FeatureScaler.learn(raw)),
        AlsConfig.defaults().withFactors(32).withThreads(2), ColdStartEvaluation.Settings.defaults(2),
        TrainingListener.NONE);

    assertThat(result.newTracks()).isEqualTo(100);
    assertThat(result.listeners()).isGreaterThan(1000);
    assertThat(result.trainPlays() + result.newTrackPlays()).isGreaterThan(45_000);
    double random = recall(result, "random", true);
    // Random finds about 50 of the ~975 unplayed tracks a listener could get.
    assertThat(random).isBetween(0.03, 0.08);
    // Popularity has never seen a new track: they all score 0 and sink below every played one.
    assertThat(recall(result, "popularity", true)).isLessThan(0.01);
    assertThat(recall(result, "cold-start als", true)).isGreaterThan(3 * random);
    assertThat(recall(result, "content", true)).isGreaterThan(3 * random);
    assertThat(recall(result, "hybrid", true)).isGreaterThan(3 * random);

    // Among the 100 new tracks alone, random's recall@50 is about one half.
    assertThat(result.amongNew()).doesNotContainKey("popularity");
    assertThat(recall(result, "random", false)).isBetween(0.4, 0.6);
    assertThat(recall(result, "cold-start als", false)).isGreaterThan(recall(result, "random", false) + 0.2);
    assertThat(recall(result, "content", false)).isGreaterThan(recall(result, "random", false) + 0.2);
  }

  private static double recall(ColdStartEvaluation.Result result, String method, boolean amongAll) {
    MetricReport report = (amongAll ? result.amongAll() : result.amongNew()).get(method);
    return report.recall();
  }

  @Test
  void theNewTracksAreTheAskedShareChosenBySeed() {
    boolean[] first = ColdStartEvaluation.pickNewTracks(1000, 0.1, 3);
    int count = 0;
    for (boolean isNew : first) {
      count += isNew ? 1 : 0;
    }
    assertThat(count).isEqualTo(100);
    assertThat(ColdStartEvaluation.pickNewTracks(1000, 0.1, 3)).containsExactly(first);
    assertThat(ColdStartEvaluation.pickNewTracks(1000, 0.1, 4)).isNotEqualTo(first);
    assertThat(ColdStartEvaluation.pickNewTracks(5, 0.01, 1)).contains(true);
  }
}
