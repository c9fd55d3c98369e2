package dev.encore.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarityMetricTest {
  private static final List<String> NAMES = List.of("tempo", "mfcc1");

  private static SimilarityMetric roundTrip(SimilarityMetric metric) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    metric.writeTo(new DataOutputStream(bytes));
    return SimilarityMetric.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
  }

  @Test
  void aWeightedMetricKeepsItsWeightsAsTheDiagonal() {
    SimilarityMetric metric = SimilarityMetric.weighted(NAMES, new float[] {4f, 0.25f});
    assertThat(metric.diagonal()).isTrue();
    assertThat(metric.matrix()).containsExactly(2f, 0.5f);
    assertThat(metric.featureWeights()).containsExactly(4f, 0.25f);
  }

  @Test
  void aLinearMetricsFeatureWeightsAreTheDiagonalOfLLTransposed() {
    // L = [[1, 2], [0, 3]]: M = LL' = [[5, 6], [6, 9]].
    SimilarityMetric metric = SimilarityMetric.linear(NAMES, 2, new float[] {1, 2, 0, 3});
    assertThat(metric.featureWeights()).containsExactly(5f, 9f);
  }

  @Test
  void survivesAWriteAndRead() throws IOException {
    SimilarityMetric weighted = SimilarityMetric.weighted(NAMES, new float[] {4f, 0.25f});
    SimilarityMetric linear = SimilarityMetric.linear(NAMES, 3, new float[] {1, 2, 3, 4, 5, 6});
    assertThat(roundTrip(weighted)).isEqualTo(weighted);
    assertThat(roundTrip(linear)).isEqualTo(linear);
  }

  @Test
  void rejectsBadEntriesAndShapes() {
    assertThatThrownBy(() -> SimilarityMetric.weighted(NAMES, new float[] {-1f, 1f})).hasMessageContaining("'tempo'");
    assertThatThrownBy(() -> SimilarityMetric.linear(NAMES, 2, new float[] {1, 2, 3})).hasMessageContaining("needs 4");
    assertThatThrownBy(() -> SimilarityMetric.linear(NAMES, 1, new float[] {1, Float.NaN}))
        .hasMessageContaining("finite");
    byte[] foreign = {0, 0, 0, 7};
    assertThatThrownBy(() -> SimilarityMetric.readFrom(new DataInputStream(new ByteArrayInputStream(foreign))))
        .isInstanceOf(IOException.class).hasMessageContaining("version 7");
  }
}
