package dev.encore.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.synth.SynthConfig;
import dev.encore.synth.TrackCatalogue;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureTableTest {
  private static final List<String> NAMES = List.of("tempo", "energy");

  @Test
  void rowsKeepValuesAndMissingOnesAsNaN() {
    FeatureTable table = FeatureTable.builder(NAMES)
        .add("b", new float[] {120f, Float.NaN}, List.of("rock"), List.of())
        .add("a", new float[] {90f, 0.5f}, List.of(), List.of("calm"))
        .build();

    assertThat(table.trackCount()).isEqualTo(2);
    assertThat(table.tracks().indexOf("a")).isEqualTo(1);
    assertThat(table.value(0, table.featureIndex("tempo"))).isEqualTo(120f);
    assertThat(table.value(0, table.featureIndex("energy"))).isNaN();
    assertThat(table.row(1)).containsExactly(90f, 0.5f);
    assertThat(table.genres(0)).containsExactly("rock");
    assertThat(table.moods(1)).containsExactly("calm");
    assertThat(table.select(List.of("a")).row(0)).containsExactly(90f, 0.5f);
  }

  @Test
  void infiniteValuesDuplicateTracksAndUnknownFeaturesAreRejectedByName() {
    FeatureTable.Builder builder = FeatureTable.builder(NAMES);
    assertThatThrownBy(() -> builder.add("x", new float[] {Float.POSITIVE_INFINITY, 1f}, List.of(), List.of()))
        .hasMessageContaining("'x'").hasMessageContaining("'tempo'");
    builder.add("x", new float[] {1f, 1f}, List.of(), List.of());
    assertThatThrownBy(() -> builder.add("x", new float[] {1f, 1f}, List.of(), List.of()))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> builder.add("y", new float[] {1f}, List.of(), List.of()))
        .hasMessageContaining("want 2");
    assertThatThrownBy(() -> builder.build().featureIndex("loudness")).hasMessageContaining("[tempo, energy]");
  }

  @Test
  void syntheticCatalogueBecomesATableOfItsProfiles() {
    TrackCatalogue catalogue = new TrackCatalogue(SynthConfig.tiny());
    FeatureTable table = catalogue.featureTable();

    assertThat(table.trackCount()).isEqualTo(catalogue.size());
    assertThat(table.featureNames()).isEqualTo(StandardFeatures.NAMES);
    int last = catalogue.size() - 1;
    assertThat(table.row(last)).containsExactly(catalogue.profile(last).features());
    assertThat(table.genres(last)).containsExactly(catalogue.genre(last));
  }
}
