package dev.encore.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.encore.data.Confidence;
import dev.encore.data.IdIndex;
import dev.encore.data.Interactions;
import dev.encore.data.InteractionsBuilder;
import dev.encore.model.RecommendOptions;
import dev.encore.model.Recommendation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentRecommenderTest {
  /** Scaled features: fast loud tracks f1-f3, slow quiet ones s1-s3, and "u" nobody described. */
  private static final FeatureTable TABLE = FeatureTable.builder(List.of("tempo", "energy"))
      .add("f1", new float[] {2.0f, 1.8f}, List.of("metal"), List.of("energetic"))
      .add("f2", new float[] {2.2f, 2.1f}, List.of("metal"), List.of("energetic"))
      .add("f3", new float[] {1.9f, Float.NaN}, List.of("metal"), List.of("energetic"))
      .add("s1", new float[] {-2.0f, -1.9f}, List.of("folk"), List.of("calm"))
      .add("s2", new float[] {-2.1f, -2.2f}, List.of("folk"), List.of("calm"))
      .add("s3", new float[] {-1.8f, -2.0f}, List.of("folk"), List.of("calm"))
      .build();

  private static Interactions plays() {
    InteractionsBuilder builder = new InteractionsBuilder();
    for (String item : List.of("f1", "f2", "f3", "s1", "s2", "s3", "u")) {
      builder.items().intern(item);
    }
    return builder.add("rocker", "f1", 5).add("rocker", "f2", 2)
        .add("dreamer", "s1", 4).add("dreamer", "s2", 1).add("dreamer", "u", 9)
        .build();
  }

  private static ContentRecommender recommender() {
    Interactions plays = plays();
    return new ContentRecommender(plays, ItemFeatures.align(plays.items(), TABLE), Confidence.linear(1f));
  }

  @Test
  void ranksTheUnplayedTrackThatSoundsLikeTheListenersPlaysFirst() {
    ContentRecommender content = recommender();
    assertThat(content.recommend("rocker", 1, RecommendOptions.DEFAULT)).extracting(Recommendation::itemId)
        .containsExactly("f3");
    assertThat(content.recommend("dreamer", 1, RecommendOptions.DEFAULT)).extracting(Recommendation::itemId)
        .containsExactly("s3");
  }

  @Test
  void aTrackWithoutFeaturesScoresUnknownAndIsNeverRecommended() {
    ContentRecommender content = recommender();
    float[] scores = new float[7];
    content.scoreAll(content.users().indexOf("rocker"), scores);
    assertThat(scores[6]).isNaN();
    assertThat(content.recommend("rocker", 10, RecommendOptions.DEFAULT)).extracting(Recommendation::itemId)
        .doesNotContain("u").hasSize(4);
  }

  @Test
  void scoreIsTheMeanGaussianClosenessPlusTheTagAffinity() {
    ContentRecommender content = recommender();
    TasteProfile profile = content.profile(content.users().indexOf("rocker"));
    float[] scores = new float[7];
    content.score(profile, scores);
    // f3 has tempo only (rhythm, weighted 0.75 by default, alone): closeness exp(-(1.9 - m)^2 / (2 (s^2 + floor))); tags: all of the rocker's plays.
    double mean = profile.mean(0);
    double spread = profile.spread(0);
    double closeness = Math.exp(-Math.pow(1.9 - mean, 2) / (2 * (spread * spread + ContentRecommender.DEFAULT_VARIANCE_FLOOR)));
    assertThat(scores[2]).isCloseTo((float) (closeness + 1.0), within(1e-5f));
    // The mean is weighted by confidence 1 + r: (6 * 2.0 + 3 * 2.2) / 9.
    assertThat(mean).isCloseTo((6 * 2.0 + 3 * 2.2) / 9, within(1e-6));
  }

  @Test
  void explanationNamesTheFeaturesThatMatchAndTheSharedTags() {
    TasteExplanation explanation = recommender().explain("rocker", "f3", 5);
    assertThat(explanation.features()).extracting(TasteExplanation.FeatureFit::feature).containsExactly("tempo");
    assertThat(explanation.features().get(0).matched()).isTrue();
    assertThat(explanation.tags()).extracting(TasteExplanation.TagShare::tag).containsExactly("metal", "energetic");
    assertThat(explanation.summary()).isEqualTo("matches rhythm; 100% of plays genre metal, 100% of plays mood energetic");
    TasteExplanation far = recommender().explain("rocker", "s1", 5);
    assertThat(far.features()).noneMatch(TasteExplanation.FeatureFit::matched);
    assertThat(far.summary()).isEqualTo("no feature within the usual range");
    assertThatThrownBy(() -> recommender().explain("rocker", "u", 5)).hasMessageContaining("'u' has no features");
  }

  @Test
  void aNewListenerIsProfiledFromTheirPlays() {
    List<Recommendation> recommendations = recommender().recommend(Map.of("s2", 3f), 2, RecommendOptions.DEFAULT);
    assertThat(recommendations).extracting(Recommendation::itemId).containsExactly("s1", "s3");
  }

  @Test
  void badSettingsAreRejected() {
    Interactions plays = plays();
    ItemFeatures features = ItemFeatures.align(plays.items(), TABLE);
    Confidence confidence = Confidence.linear(1f);
    FeatureWeights silent = FeatureWeights.equal().withGroup(FeatureGroup.RHYTHM, 0).withGroup(FeatureGroup.ENERGY, 0);
    assertThatThrownBy(() -> new ContentRecommender(plays, features, confidence, silent, 0.1, 1))
        .hasMessageContaining("every feature weight is 0");
    assertThatThrownBy(() -> new ContentRecommender(plays, features, confidence, FeatureWeights.equal(), 0, 1))
        .hasMessageContaining("variance floor 0.0");
    assertThatThrownBy(() -> new ContentRecommender(plays, features, confidence, FeatureWeights.equal(), 0.1, -1))
        .hasMessageContaining("tag weight -1.0");
    ItemFeatures other = ItemFeatures.align(IdIndex.of("item", List.of("f1")), TABLE);
    assertThatThrownBy(() -> new ContentRecommender(plays, other, confidence))
        .hasMessageContaining("aligned to 1 items but the plays have 7");
  }
}
