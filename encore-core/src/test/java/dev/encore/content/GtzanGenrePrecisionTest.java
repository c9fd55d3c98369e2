package dev.encore.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.encore.io.GtzanReader;
import dev.encore.testing.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The acceptance figures on the real GTZAN features (skipped where the data is absent). */
class GtzanGenrePrecisionTest {

  @Test
  void crossValidatedLearnedMetricReachesPointSixAndPlainCosineBeatsRandomWell() throws Exception {
    Path file = SharedData.require("gtzan/features_30_sec.csv");
    FeatureTable gtzan = new GtzanReader().read(file).table();

    GenreEvaluationReport report = GenreEvaluation.run(gtzan,
        GenreEvaluation.Settings.defaults().withDerivedFeatures(GtzanReader.DERIVED_FEATURES));

    assertThat(report.tracks()).isEqualTo(1000);
    assertThat(report.genres()).isEqualTo(10);
    assertThat(report.precision(GenreEvaluationReport.RANDOM)).isCloseTo(99.0 / 999, within(1e-9));
    assertThat(report.precision(GenreEvaluationReport.PLAIN_COSINE)).isBetween(0.50, 0.60);
    assertThat(report.precision(GenreEvaluationReport.LEARNED_METRIC)).isGreaterThanOrEqualTo(0.60);
    assertThat(report.foldChoices()).hasSize(10);
  }
}
