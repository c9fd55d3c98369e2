package dev.encore.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureScalerTest {

  private static FeatureTable column(String name, float... values) {
    FeatureTable.Builder builder = FeatureTable.builder(List.of(name));
    for (int i = 0; i < values.length; i++) {
      builder.add("t" + i, new float[] {values[i]}, List.of(), List.of());
    }
    return builder.build();
  }

  @Test
  void centresOnTheMedianAndDividesByTheInterquartileRangeAsASigma() {
    // 1..9: median 5, quartiles 3 and 7 (type-7 interpolation lands on order statistics), IQR 4.
    FeatureScaler scaler = FeatureScaler.learn(column("tempo", 9, 1, 8, 2, 7, 3, 6, 4, 5));
    FeatureScale tempo = scaler.features().get(0);

    assertThat(tempo.logarithmic()).isFalse();
    assertThat(tempo.center()).isEqualTo(5f);
    assertThat(tempo.spread()).isCloseTo(4f / 1.349f, within(1e-5f));
    assertThat(scaler.scale(new float[] {9f})[0]).isCloseTo(1.349f, within(1e-5f));
    assertThat(scaler.scale(new float[] {5f})[0]).isZero();
  }

  @Test
  void anOutlierNeitherMovesTheScaleNorEscapesTheClip() {
    FeatureScaler plain = FeatureScaler.learn(column("mfcc1", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
    FeatureScaler withOutlier = FeatureScaler.learn(column("mfcc1", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, -1e6f));

    assertThat(withOutlier.features().get(0).spread()).isCloseTo(plain.features().get(0).spread(), within(0.5f));
    assertThat(withOutlier.scale(new float[] {-1e6f})[0]).isEqualTo(-FeatureScaler.DEFAULT_CLIP);
    assertThat(withOutlier.scale(new float[] {1e9f})[0]).isEqualTo(FeatureScaler.DEFAULT_CLIP);
  }

  @Test
  void missingValuesStayMissingAndAreLeftOutOfTheStatistics() {
    FeatureScaler scaler = FeatureScaler.learn(column("energy", 0.2f, Float.NaN, 0.4f, Float.NaN, 0.6f));

    assertThat(scaler.features().get(0).center()).isCloseTo(0.4f, within(1e-6f));
    float[] scaled = scaler.scale(column("energy", Float.NaN, 0.4f));
    assertThat(scaled[0]).isNaN();
    assertThat(scaled[1]).isZero();
  }

  @Test
  void aRareFlagFallsBackToTheStandardDeviation() {
    // 2 of 10 tracks calm: quartiles and MAD are 0, the standard deviation sqrt(0.2 * 0.8) = 0.4.
    FeatureScaler scaler = FeatureScaler.learn(column("calm", 0, 0, 1, 0, 0, 0, 0, 1, 0, 0));
    FeatureScale calm = scaler.features().get(0);

    assertThat(calm.center()).isZero();
    assertThat(calm.spread()).isCloseTo(0.4f, within(1e-6f));
    assertThat(scaler.scale(new float[] {1f})[0]).isCloseTo(2.5f, within(1e-5f));
  }

  @Test
  void aConstantFeatureScalesToZero() {
    FeatureScaler scaler = FeatureScaler.learn(column("loudness", -9, -9, -9));
    assertThat(scaler.scale(new float[] {-9f})[0]).isZero();
  }

  @Test
  void heavilyRightSkewedNonNegativeFeaturesAreLogCompressed() {
    float[] variances = new float[100];
    for (int i = 0; i < variances.length; i++) {
      variances[i] = (float) Math.exp(i / 10.0);
    }
    FeatureScale scale = FeatureScaler.learn(column("mfcc1_var", variances)).features().get(0);
    FeatureScale symmetric = FeatureScaler.learn(column("mfcc1_mean", 1, 2, 3, 4, 5)).features().get(0);

    assertThat(scale.logarithmic()).isTrue();
    assertThat(scale.offset()).isPositive();
    assertThat(symmetric.logarithmic()).isFalse();
    // On a linear scale the largest value would sit 16 IQR-sigmas out, far past the clip; the
    // logarithm brings it within 2 while keeping its order.
    FeatureScaler scaler = FeatureScaler.learn(column("mfcc1_var", variances));
    float largest = scaler.scale(new float[] {variances[99]})[0];
    float nextLargest = scaler.scale(new float[] {variances[98]})[0];
    assertThat(largest).isBetween(1f, 2f);
    assertThat(nextLargest).isLessThan(largest);
  }

  @Test
  void bpmAndMfccLandOnTheSameScale() {
    FeatureTable.Builder builder = FeatureTable.builder(List.of("tempo", "mfcc2"));
    for (int i = 0; i < 200; i++) {
      builder.add("t" + i, new float[] {60 + i * 0.6f, -0.05f + i * 0.0005f}, List.of(), List.of());
    }
    FeatureScaler scaler = FeatureScaler.learn(builder.build());
    float[] fastest = scaler.scale(new float[] {60 + 199 * 0.6f, -0.05f + 199 * 0.0005f});

    assertThat(fastest[0]).isCloseTo(fastest[1], within(1e-3f));
  }

  @Test
  void scalingATableMatchesColumnsByName() {
    FeatureTable catalogue = FeatureTable.builder(List.of("tempo", "energy"))
        .add("a", new float[] {100, 0.1f}, List.of(), List.of())
        .add("b", new float[] {120, 0.5f}, List.of(), List.of())
        .add("c", new float[] {140, 0.9f}, List.of(), List.of())
        .build();
    FeatureScaler scaler = FeatureScaler.learn(catalogue);
    FeatureTable reordered = FeatureTable.builder(List.of("energy", "bpm_extra"))
        .add("d", new float[] {0.9f, 3f}, List.of(), List.of())
        .build();

    float[] scaled = scaler.scale(reordered);
    assertThat(scaled).hasSize(2);
    assertThat(scaled[0]).isNaN();
    assertThat(scaled[1]).isEqualTo(scaler.scale(new float[] {Float.NaN, 0.9f})[1]);
  }

  @Test
  void survivesAWriteAndReadUnchanged() throws IOException {
    FeatureScaler scaler = FeatureScaler.learn(column("tempo", 80, 90, 100, 150), 3f);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    scaler.writeTo(new DataOutputStream(bytes));

    FeatureScaler read = FeatureScaler.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertThat(read).isEqualTo(scaler);
  }

  @Test
  void rejectsForeignDataAndInvalidScales() {
    byte[] foreign = {0, 0, 0, 9, 0, 0, 0, 0};
    assertThatThrownBy(() -> FeatureScaler.readFrom(new DataInputStream(new ByteArrayInputStream(foreign))))
        .isInstanceOf(IOException.class).hasMessageContaining("version 9");
    assertThatThrownBy(() -> new FeatureScale("tempo", false, 0f, 0f, 0f)).hasMessageContaining("spread");
    assertThatThrownBy(() -> FeatureScaler.learn(column("tempo", 1, 2)).scale(new float[] {Float.POSITIVE_INFINITY}))
        .hasMessageContaining("'tempo'");
  }
}
