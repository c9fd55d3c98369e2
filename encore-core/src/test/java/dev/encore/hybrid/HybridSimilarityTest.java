package dev.encore.hybrid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.content.ContentSimilarity;
import dev.encore.content.FeatureTable;
import dev.encore.content.SimilarTrack;
import dev.encore.data.Interactions;
import dev.encore.model.FactorModel;
import dev.encore.model.Recommendation;
import dev.encore.popular.PopularityRecommender;
import dev.encore.testing.PlantedInteractions;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HybridSimilarityTest {
  private static final Interactions PLAYS = PlantedInteractions.generate(80, 30, 3, 0.4, 0.05, 4);
  private static final FactorModel MODEL = new AlsTrainer(AlsConfig.defaults().withFactors(6).withIterations(6)
      .withRegularization(0.5f).withThreads(2)).fit(PLAYS);
  private static final FeatureTable FEATURES = features();
  private static final PopularityRecommender POPULAR = new PopularityRecommender(PLAYS);

  /** Items i0..i28 described by noisy features of their group; i29 has none. */
  private static FeatureTable features() {
    Random random = new Random(3);
    FeatureTable.Builder builder = FeatureTable.builder(List.of("tempo", "energy", "loudness"));
    for (int item = 0; item < 29; item++) {
      builder.add("i" + item, new float[] {(float) random.nextGaussian(), (float) random.nextGaussian(),
          (float) random.nextGaussian()}, List.of(), List.of());
    }
    return builder.build();
  }

  private static List<String> ids(List<Recommendation> list) {
    return list.stream().map(Recommendation::itemId).toList();
  }

  @Test
  void aCollaborativeOnlyBlendListsWhatTheFactorCosineLists() {
    HybridSimilarity similarity = new HybridSimilarity(MODEL, ContentSimilarity.of(FEATURES), POPULAR,
        new Blend(1, 0, 0, ScoreNormalization.Z_SCORE));
    assertThat(ids(similarity.similar("i4", 8))).containsExactlyElementsOf(ids(MODEL.similarItems("i4", 8)));
  }

  @Test
  void aContentOnlyBlendListsWhatContentSimilarityLists() {
    ContentSimilarity content = ContentSimilarity.of(FEATURES);
    HybridSimilarity similarity = new HybridSimilarity(MODEL, content, POPULAR,
        new Blend(0, 1, 0, ScoreNormalization.RANK));
    List<String> expected = content.similar("i4", 8).stream().map(SimilarTrack::trackId).toList();
    assertThat(ids(similarity.similar("i4", 8))).containsExactlyElementsOf(expected);
  }

  @Test
  void theQueryIsNeverListedAndATrackWithoutFeaturesStillTakesPart() {
    HybridSimilarity similarity = new HybridSimilarity(MODEL, ContentSimilarity.of(FEATURES), POPULAR,
        HybridSimilarity.DEFAULT);
    List<String> all = ids(similarity.similar("i4", 100));
    assertThat(all).hasSize(29).doesNotContain("i4").contains("i29");
    // The undescribed query is compared by co-listening alone.
    assertThat(ids(similarity.similar("i29", 5))).containsExactlyElementsOf(ids(MODEL.similarItems("i29", 5)));
  }
}
