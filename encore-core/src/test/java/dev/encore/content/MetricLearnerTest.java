package dev.encore.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MetricLearnerTest {
  private static final List<String> NAMES = List.of("signal", "noise1", "noise2", "noise3", "noise4", "noise5",
      "noise6", "noise7", "noise8", "silent");
  private static final int SILENT = 9;

  /**
   * Two classes apart on "signal" (sd 0.3 around +-1), hidden among eight features of pure noise
   * (sd 5); "silent" is never measured.
   */
  private static FeatureTable signalUnderNoise(int tracks, long seed) {
    Random random = new Random(seed);
    FeatureTable.Builder builder = FeatureTable.builder(NAMES);
    for (int t = 0; t < tracks; t++) {
      int label = t % 2;
      float signal = (label == 0 ? -1f : 1f) + 0.3f * (float) random.nextGaussian();
      float[] row = new float[NAMES.size()];
      row[0] = signal;
      for (int noise = 1; noise < SILENT; noise++) {
        row[noise] = 5f * (float) random.nextGaussian();
      }
      row[SILENT] = Float.NaN;
      builder.add("t" + t, row,
          List.of("c" + label), List.of());
    }
    return builder.build();
  }

  private static int[] classes(FeatureTable table) {
    return IntStream.range(0, table.trackCount()).map(t -> table.genres(t).get(0).equals("c0") ? 0 : 1).toArray();
  }

  @Test
  void fullShrinkageWithoutStretchIsPlainCosine() {
    FeatureTable table = signalUnderNoise(40, 1);
    FeatureScaler scaler = FeatureScaler.learn(table);
    int[] all = IntStream.range(0, 40).toArray();
    SimilarityMetric metric = new MetricLearner(1, 0).learn(NAMES, scaler.scale(table), classes(table), all);
    ContentSimilarity learned = ContentSimilarity.of(table, scaler, metric, 0f);
    ContentSimilarity plain = ContentSimilarity.of(table, scaler,
        SimilarityMetric.weighted(NAMES, FeatureWeights.equal()), 0f);

    for (int a = 0; a < 40; a += 7) {
      for (int b = 0; b < 40; b++) {
        assertThat(learned.score("t" + a, "t" + b)).isCloseTo(plain.score("t" + a, "t" + b), within(1e-5));
      }
    }
  }

  @Test
  void learnsThatTheSignalMattersAndTheNoiseDoesNot() {
    FeatureTable table = signalUnderNoise(200, 2);
    FeatureScaler scaler = FeatureScaler.learn(table);
    int[] classes = classes(table);
    int[] training = IntStream.range(0, 100).toArray();
    int[] heldOut = IntStream.range(100, 200).toArray();
    SimilarityMetric metric = new MetricLearner(0.1, 0.25).learn(NAMES, scaler.scale(table), classes, training);

    float[] weights = metric.featureWeights();
    for (int noise = 1; noise < SILENT; noise++) {
      assertThat(weights[0]).isGreaterThan(5 * weights[noise]);
    }
    assertThat(weights[SILENT]).isZero();
    BitSet all = new BitSet();
    all.set(0, 200);
    double plain = GenrePrecision.atK(ContentSimilarity.of(table, scaler,
        SimilarityMetric.weighted(NAMES, FeatureWeights.equal()), 0f), classes, 10, heldOut, all);
    double learned = GenrePrecision.atK(ContentSimilarity.of(table, scaler, metric, 0f), classes, 10, heldOut, all);
    assertThat(plain).isLessThan(0.8);
    assertThat(learned).isGreaterThan(0.95);
  }

  @Test
  void rejectsSettingsOutsideTheirRange() {
    assertThatThrownBy(() -> new MetricLearner(1.5, 0)).hasMessageContaining("shrinkage");
    assertThatThrownBy(() -> new MetricLearner(0.1, -1)).hasMessageContaining("power");
    assertThatThrownBy(() -> new MetricLearner(0.1, 0).learn(NAMES, new float[3], new int[] {0}, new int[] {0}))
        .hasMessageContaining("at least 2");
  }
}
