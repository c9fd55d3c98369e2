package dev.encore.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.encore.data.Confidence;
import dev.encore.data.IdIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

class TasteProfileTest {
  private static final FeatureTable TABLE = FeatureTable.builder(List.of("tempo", "energy"))
      .add("a", new float[] {1, Float.NaN}, List.of("rock"), List.of("calm"))
      .add("b", new float[] {4, 2}, List.of("jazz"), List.of("calm"))
      .add("c", new float[] {-3, -3}, List.of("metal"), List.of("energetic"))
      .build();
  /** Item "x" has no features; the rest follow the table in another order. */
  private static final ItemFeatures FEATURES = ItemFeatures.align(IdIndex.of("item", List.of("c", "x", "a", "b")), TABLE);

  @Test
  void meanAndSpreadAreWeightedByConfidenceFeatureByFeature() {
    // a played once (c = 1 + 1 = 2), b three times (c = 4); x has no features, c was never played (value 0).
    TasteProfile profile = TasteProfile.of(FEATURES, new int[] {2, 3, 1, 0}, new float[] {1, 3, 9, 0}, 0, 4,
        Confidence.linear(1f));
    assertThat(profile.describedTracks()).isEqualTo(2);
    // tempo: (2 * 1 + 4 * 4) / 6 = 3; spread sqrt((2 * 4 + 4 * 1) / 6) = sqrt(2).
    assertThat(profile.mean(0)).isCloseTo(3f, within(1e-6f));
    assertThat(profile.spread(0)).isCloseTo((float) Math.sqrt(2), within(1e-6f));
    // energy: only b has it, so a's missing value is not read as zero.
    assertThat(profile.mean(1)).isEqualTo(2f);
    assertThat(profile.spread(1)).isZero();
    assertThat(profile.genreShares()).containsOnlyKeys("rock", "jazz");
    assertThat(profile.genreShares().get("rock")).isCloseTo(2.0 / 6, within(1e-9));
    assertThat(profile.genreShares().get("jazz")).isCloseTo(4.0 / 6, within(1e-9));
    assertThat(profile.moodShares()).containsEntry("calm", 1.0);
  }

  @Test
  void aFeatureNoPlayedTrackHasIsUnknownAndNoPlaysMeansAnEmptyProfile() {
    FeatureTable sparse = FeatureTable.builder(List.of("tempo", "energy"))
        .add("a", new float[] {1, Float.NaN}, List.of(), List.of()).build();
    ItemFeatures features = ItemFeatures.align(IdIndex.of("item", List.of("a")), sparse);
    TasteProfile profile = TasteProfile.of(features, new int[] {0}, new float[] {2}, 0, 1, Confidence.linear(1f));
    assertThat(profile.mean(1)).isNaN();
    assertThat(profile.spread(1)).isNaN();
    assertThat(profile.isEmpty()).isFalse();
    TasteProfile none = TasteProfile.of(features, new int[0], new float[0], 0, 0, Confidence.linear(1f));
    assertThat(none.isEmpty()).isTrue();
    assertThat(none.mean(0)).isNaN();
    assertThat(none.genreShares()).isEmpty();
  }
}
