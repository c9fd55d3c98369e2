package dev.encore.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.data.IdIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemFeaturesTest {
  private static final FeatureTable TABLE = FeatureTable.builder(List.of("tempo", "energy"))
      .add("a", new float[] {1, 2}, List.of("rock"), List.of("calm"))
      .add("b", new float[] {3, Float.NaN}, List.of(), List.of("sad"))
      .add("unplayed", new float[] {5, 6}, List.of(), List.of())
      .build();

  @Test
  void rowsFollowTheItemIndexAndUndescribedItemsAreAllMissing() {
    ItemFeatures features = ItemFeatures.align(IdIndex.of("item", List.of("b", "x", "a")), TABLE);
    assertThat(features.featureNames()).containsExactly("tempo", "energy");
    assertThat(features.describedCount()).isEqualTo(2);
    assertThat(features.value(0, 0)).isEqualTo(3f);
    assertThat(features.value(0, 1)).isNaN();
    assertThat(features.isDescribed(1)).isFalse();
    assertThat(features.value(1, 0)).isNaN();
    assertThat(features.genres(1)).isEmpty();
    assertThat(features.value(2, 1)).isEqualTo(2f);
    assertThat(features.genres(2)).containsExactly("rock");
    assertThat(features.moods(0)).containsExactly("sad");
  }

  @Test
  void scaledByKeepsTracksAndTagsAndScalesEveryColumnAsTheScalerDoes() {
    FeatureScaler scaler = FeatureScaler.learn(TABLE);
    FeatureTable scaled = TABLE.scaledBy(scaler);
    assertThat(scaled.tracks()).isEqualTo(TABLE.tracks());
    assertThat(scaled.featureNames()).isEqualTo(scaler.featureNames());
    assertThat(scaled.genres(0)).containsExactly("rock");
    assertThat(scaled.moods(1)).containsExactly("sad");
    assertThat(scaled.values()).containsExactly(scaler.scale(TABLE));
    assertThat(scaled.value(1, 1)).isNaN();
  }
}
