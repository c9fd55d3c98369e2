package dev.encore.hybrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.encore.als.AlsConfig;
import dev.encore.content.FeatureTable;
import dev.encore.data.Csr;
import dev.encore.data.IdIndex;
import dev.encore.model.FactorModel;
import dev.encore.model.Recommendation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NewTracksTest {
  private static final int WARM = 30;
  private static final int FACTORS = 2;
  /** factors = M * (tempo, energy) + b exactly, so the regression can learn the map. */
  private static final double[][] MAP = {{1.5, -0.5}, {0.25, 2}};
  private static final double[] OFFSET = {0.1, -0.2};

  private static float[] factorsOf(float tempo, float energy) {
    float[] factors = new float[FACTORS];
    for (int f = 0; f < FACTORS; f++) {
      factors[f] = (float) (MAP[f][0] * tempo + MAP[f][1] * energy + OFFSET[f]);
    }
    return factors;
  }

  /** A model over WARM played tracks w0..w29 whose factors follow the map, one user who played each. */
  private static FactorModel warmModel(FeatureTable.Builder features, Random random) {
    List<String> ids = new ArrayList<>();
    float[] itemFactors = new float[WARM * FACTORS];
    for (int item = 0; item < WARM; item++) {
      float tempo = (float) random.nextGaussian();
      float energy = (float) random.nextGaussian();
      ids.add("w" + item);
      features.add("w" + item, new float[] {tempo, energy}, List.of(), List.of());
      System.arraycopy(factorsOf(tempo, energy), 0, itemFactors, item * FACTORS, FACTORS);
    }
    int[] indptr = {0, WARM};
    int[] indices = new int[WARM];
    float[] values = new float[WARM];
    for (int item = 0; item < WARM; item++) {
      indices[item] = item;
      values[item] = 1;
    }
    return new FactorModel(IdIndex.of("user", List.of("u")), IdIndex.of("item", ids), FACTORS, new float[] {1, 0},
        itemFactors, new Csr(1, WARM, indptr, indices, values), AlsConfig.defaults().withFactors(FACTORS));
  }

  @Test
  void aTrackWithFeaturesButNoPlaysJoinsTheModelWithPredictedFactors() {
    FeatureTable.Builder features = FeatureTable.builder(List.of("tempo", "energy"));
    FactorModel model = warmModel(features, new Random(1));
    features.add("fresh", new float[] {0.8f, -1.2f}, List.of(), List.of());
    features.add("half", new float[] {Float.NaN, 0.5f}, List.of(), List.of());
    NewTracks.Extension extension = NewTracks.addTo(model, features.build(), 1e-4);
    assertThat(extension.addedTracks()).containsExactly("fresh", "half");
    FactorModel extended = extension.model();
    assertThat(extended.items().size()).isEqualTo(WARM + 2);
    int fresh = extended.items().indexOf("fresh");
    float[] expected = factorsOf(0.8f, -1.2f);
    for (int f = 0; f < FACTORS; f++) {
      assertThat(extended.itemFactors()[fresh * FACTORS + f]).isCloseTo(expected[f], within(1e-3f));
    }
    // A missing tempo is read as the typical (scaled) value 0.
    float[] half = factorsOf(0f, 0.5f);
    int halfIndex = extended.items().indexOf("half");
    assertThat(extended.itemFactors()[halfIndex * FACTORS]).isCloseTo(half[0], within(1e-3f));
    // The new track is now recommendable through the ALS path: user u's factor vector is (1, 0).
    assertThat(extended.score(0, fresh)).isCloseTo(expected[0], within(1e-3f));
    assertThat(extended.similarItems("fresh", WARM + 1)).extracting(Recommendation::itemId).contains("half");
  }

  @Test
  void warmTracksKeepTheirFactorsAndTracksWithoutFeaturesTeachNothing() {
    FeatureTable.Builder features = FeatureTable.builder(List.of("tempo", "energy"));
    FactorModel model = warmModel(features, new Random(2));
    FeatureTable table = features.build();
    NewTracks.Extension extension = NewTracks.addTo(model, table, 1.0);
    assertThat(extension.addedTracks()).isEmpty();
    assertThat(extension.model().itemFactors()).containsExactly(model.itemFactors());

    FeatureTable strangers = FeatureTable.builder(List.of("tempo", "energy"))
        .add("other", new float[] {1, 1}, List.of(), List.of()).build();
    assertThatThrownBy(() -> NewTracks.addTo(model, strangers, 1.0))
        .hasMessageContaining("none of the model's 30 played tracks is in the feature table");
  }
}
