package dev.encore.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.content.FeatureTable;
import dev.encore.data.Interactions;
import dev.encore.model.FactorModel;
import dev.encore.testing.RandomInteractions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which catalogue tracks join the served model, and when the catalogue cannot serve content at all. */
class CatalogueFeaturesTest {
  private static final Interactions PLAYS = RandomInteractions.generate(30, 12, 0.3, 5, 4);
  private static final FactorModel MODEL = new AlsTrainer(AlsConfig.defaults().withFactors(4).withIterations(3)
      .withThreads(1)).fit(PLAYS);
  private static final float NONE = Float.NaN;

  /** The model's tracks with features that vary, plus the given extra rows. */
  private static FeatureTable catalogue(boolean warmHaveFeatures, Object[]... extra) {
    FeatureTable.Builder table = FeatureTable.builder(List.of("tempo", "energy"));
    for (int item = 0; item < PLAYS.items().size(); item++) {
      float[] values = warmHaveFeatures ? new float[] {90 + 5 * item, item % 3} : new float[] {NONE, NONE};
      table.add(PLAYS.items().idOf(item), values, List.of("g" + item % 2), List.of());
    }
    for (Object[] row : extra) {
      table.add((String) row[0], (float[]) row[1], List.of("g0"), List.of());
    }
    return table.build();
  }

  @Test
  void tracksWithFeaturesButNoPlaysJoinTheModelAndTaggedOnlyOnesDoNot() {
    CatalogueFeatures features = CatalogueFeatures.of(catalogue(true,
        new Object[] {"fresh", new float[] {120, 1}}, new Object[] {"tagged", new float[] {NONE, NONE}}));

    FactorModel served = features.withNewTracks(MODEL);

    assertThat(served.items().ids()).hasSize(PLAYS.items().size() + 1).endsWith("fresh").doesNotContain("tagged");
    assertThat(served.itemFactors()).startsWith(MODEL.itemFactors());
    assertThat(served.played().rowLength(0)).isEqualTo(MODEL.played().rowLength(0));
    assertThat(features.similarity().table().tracks().contains("tagged")).as("still compared by its tags").isTrue();
  }

  @Test
  void withoutPlayedTracksWithFeaturesTheModelIsServedAsTrained() {
    CatalogueFeatures features = CatalogueFeatures.of(catalogue(false, new Object[] {"fresh", new float[] {120, 1}}));

    assertThat(features.hasFeatures()).isTrue();
    assertThat(features.withNewTracks(MODEL)).isSameAs(MODEL);
  }

  @Test
  void aCatalogueWithTagsButNoFeaturesServesTagsOnly() {
    FeatureTable tagsOnly = FeatureTable.builder(List.of()).add("a", new float[0], List.of("jazz"), List.of()).build();

    CatalogueFeatures features = CatalogueFeatures.of(tagsOnly);

    assertThat(features.hasFeatures()).isFalse();
    assertThat(features.hasTags()).isTrue();
    assertThat(features.withNewTracks(MODEL)).isSameAs(MODEL);
    assertThat(CatalogueFeatures.of(CatalogueFeatures.NO_TRACKS).hasTags()).isFalse();
  }
}
