package dev.encore.hybrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.als.Solver;
import dev.encore.content.ContentRecommender;
import dev.encore.content.FeatureTable;
import dev.encore.content.ItemFeatures;
import dev.encore.data.Csr;
import dev.encore.data.Interactions;
import dev.encore.model.FactorModel;
import dev.encore.model.RecommendOptions;
import dev.encore.model.Recommendation;
import dev.encore.popular.PopularityRecommender;
import dev.encore.testing.PlantedInteractions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HybridRecommenderTest {
  private static final Interactions PLAYS = PlantedInteractions.generate(90, 40, 3, 0.35, 0.05, 2);
  private static final FeatureTable FEATURES = features(PLAYS);
  private static final FactorModel ALS = new AlsTrainer(AlsConfig.defaults().withFactors(6).withIterations(8)
      .withRegularization(0.5f).withSolver(Solver.CHOLESKY).withThreads(2)).fit(PLAYS);
  private static final HybridSources SOURCES = HybridSources.of(ALS, PLAYS, FEATURES);

  /** Items i0..i39 sound like their taste group (i mod 3) plus noise; i39 has no features at all. */
  private static FeatureTable features(Interactions plays) {
    Random random = new Random(7);
    FeatureTable.Builder builder = FeatureTable.builder(List.of("tempo", "energy", "calm"));
    for (int item = 0; item < plays.items().size() - 1; item++) {
      int group = item % 3;
      builder.add("i" + item, new float[] {group + 0.3f * (float) random.nextGaussian(),
          -group + 0.3f * (float) random.nextGaussian(), group == 0 ? 1 : 0}, List.of("g" + group), List.of());
    }
    return builder.build();
  }

  private static Map<String, Float> playsOf(int user) {
    Map<String, Float> plays = new HashMap<>();
    Csr matrix = PLAYS.userItems();
    for (int p = matrix.rowStart(user); p < matrix.rowEnd(user); p++) {
      plays.put(PLAYS.items().idOf(matrix.indices()[p]), matrix.values()[p]);
    }
    return plays;
  }

  @Test
  void anAlsOnlyBlendRanksExactlyLikeAls() {
    HybridRecommender hybrid = SOURCES.blend(new Blend(2, 0, 0, ScoreNormalization.Z_SCORE));
    for (int user = 0; user < PLAYS.users().size(); user += 7) {
      assertThat(hybrid.recommend(user, 8, RecommendOptions.DEFAULT))
          .extracting(item -> item.index())
          .containsExactlyElementsOf(ALS.recommend(user, 8, RecommendOptions.DEFAULT).stream().map(item -> item.index()).toList());
    }
  }

  @Test
  void theBlendedScoreIsTheWeightedSumOfEachSourcesZScoresOverUnplayedTracks() {
    Blend blend = new Blend(1, 0.5, 0.25, ScoreNormalization.Z_SCORE);
    HybridRecommender hybrid = SOURCES.blend(blend);
    int items = PLAYS.items().size();
    for (int user = 0; user < PLAYS.users().size(); user += 11) {
      float[] als = new float[items];
      float[] content = new float[items];
      ALS.scoreAll(user, als);
      SOURCES.content().scoreAll(user, content);
      double[] popularity = new double[items];
      for (int item = 0; item < items; item++) {
        popularity[item] = PLAYS.itemUsers().rowLength(item);
      }
      boolean[] played = new boolean[items];
      Csr matrix = PLAYS.userItems();
      for (int p = matrix.rowStart(user); p < matrix.rowEnd(user); p++) {
        played[matrix.indices()[p]] = true;
      }
      double[] expected = new double[items];
      addZScores(expected, toDouble(als), played, 1);
      addZScores(expected, toDouble(content), played, 0.5);
      addZScores(expected, popularity, played, 0.25);
      float[] actual = new float[items];
      hybrid.scoreAll(user, actual);
      for (int item = 0; item < items; item++) {
        assertThat((double) actual[item]).as("user %d item %d", user, item).isCloseTo(expected[item], within(1e-4));
      }
    }
  }

  private static double[] toDouble(float[] values) {
    double[] result = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = values[i];
    }
    return result;
  }

  /** Independent z-scores: mean and population sd over unplayed, finite scores; others map through, NaN to 0. */
  private static void addZScores(double[] sum, double[] scores, boolean[] played, double weight) {
    double mean = 0;
    int count = 0;
    for (int i = 0; i < scores.length; i++) {
      if (!played[i] && !Double.isNaN(scores[i])) {
        mean += scores[i];
        count++;
      }
    }
    mean /= count;
    double variance = 0;
    for (int i = 0; i < scores.length; i++) {
      if (!played[i] && !Double.isNaN(scores[i])) {
        variance += (scores[i] - mean) * (scores[i] - mean);
      }
    }
    double sd = Math.sqrt(variance / count);
    for (int i = 0; i < scores.length; i++) {
      sum[i] += Double.isNaN(scores[i]) ? 0 : weight * (scores[i] - mean) / sd;
    }
  }

  @Test
  void aListenerKnownOnlyByAFewPlaysIsFoldedInAndProfiledLikeATrainedOne() {
    HybridRecommender hybrid = SOURCES.blend(new Blend(1, 0.7, 0.2, ScoreNormalization.RANK));
    for (int user = 0; user < PLAYS.users().size(); user += 13) {
      List<Recommendation> asNewcomer = hybrid.recommend(playsOf(user), 6, RecommendOptions.DEFAULT);
      List<Recommendation> asTrained = hybrid.recommend(PLAYS.users().idOf(user), 6, RecommendOptions.DEFAULT);
      assertThat(asNewcomer).extracting(Recommendation::itemId)
          .containsExactlyElementsOf(asTrained.stream().map(Recommendation::itemId).toList());
    }
  }

  @Test
  void aListenerFoldedInOnceRanksAsIfFoldedInPerRequest() {
    HybridRecommender hybrid = SOURCES.blend(Blend.DEFAULT);
    Map<String, Float> plays = playsOf(5);

    List<Recommendation> keptVector = hybrid.recommend(ALS.foldIn(plays), plays, 8, RecommendOptions.DEFAULT);

    assertThat(keptVector).isEqualTo(hybrid.recommend(plays, 8, RecommendOptions.DEFAULT));
    assertThatThrownBy(() -> hybrid.recommend(null, plays, 8, RecommendOptions.DEFAULT))
        .hasMessageContaining("needs the listener's folded-in factors");
    assertThat(SOURCES.blend(new Blend(0, 1, 0.5, ScoreNormalization.Z_SCORE)).recommend(null, plays, 3,
        RecommendOptions.DEFAULT)).hasSize(3);
  }

  @Test
  void aNewcomersPlayedTracksAreNotRecommendedBack() {
    HybridRecommender hybrid = SOURCES.blend(Blend.DEFAULT);
    Map<String, Float> plays = Map.of("i0", 3f, "i3", 1f);
    assertThat(hybrid.recommend(plays, 40, RecommendOptions.DEFAULT)).extracting(Recommendation::itemId)
        .doesNotContain("i0", "i3").hasSize(38);
  }

  @Test
  void explainedPartsAddUpToTheBlendedScore() {
    Blend blend = new Blend(1, 0.5, 0.25, ScoreNormalization.Z_SCORE);
    HybridRecommender hybrid = SOURCES.blend(blend);
    float[] scores = new float[PLAYS.items().size()];
    hybrid.scoreAll(4, scores);
    List<HybridRecommender.SourcePart> parts = hybrid.explain("u4", "i10");
    assertThat(parts).extracting(HybridRecommender.SourcePart::source).containsExactly("als", "content", "popularity");
    assertThat(parts.stream().mapToDouble(HybridRecommender.SourcePart::contribution).sum())
        .isCloseTo(scores[10], within(1e-5));
    assertThat(parts.get(2).rawScore()).isEqualTo(PLAYS.itemUsers().rowLength(10));
  }

  @Test
  void aFoldedListenersExplainedPartsAddUpToTheScoreItIsRankedBy() {
    HybridRecommender hybrid = SOURCES.blend(new Blend(1, 0.5, 0.25, ScoreNormalization.Z_SCORE));
    Map<String, Float> plays = playsOf(7);
    float[] vector = ALS.foldIn(plays);
    List<Recommendation> ranked = hybrid.recommend(vector, plays, 5, RecommendOptions.DEFAULT);
    for (Recommendation recommendation : ranked) {
      List<HybridRecommender.SourcePart> parts = hybrid.explain(vector, plays, recommendation.itemId());
      assertThat(parts.stream().mapToDouble(HybridRecommender.SourcePart::contribution).sum())
          .isCloseTo(recommendation.score(), within(1e-5));
    }
  }

  @Test
  void sourcesMustIndexTheSameTracks() {
    Interactions other = PlantedInteractions.generate(90, 30, 3, 0.35, 0.05, 2);
    ContentRecommender content = new ContentRecommender(other, ItemFeatures.align(other.items(), FEATURES),
        ALS.settings().confidence());
    assertThatThrownBy(() -> new HybridSources(ALS, content, new PopularityRecommender(PLAYS)))
        .hasMessageContaining("content recommender and the ALS model differ in their items");
  }
}
