package dev.encore.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ContentSimilarityTest {
  private static final List<String> NAMES = List.of("mfcc1", "mfcc2", "tempo", "energy", "calm");

  /** Random tracks, about one value in six missing, a genre and sometimes a mood. */
  private static FeatureTable randomTable(int tracks, long seed, double missing) {
    Random random = new Random(seed);
    FeatureTable.Builder builder = FeatureTable.builder(NAMES);
    for (int t = 0; t < tracks; t++) {
      float[] row = {(float) random.nextGaussian() * 50 - 200, (float) random.nextGaussian() * 20,
          60 + random.nextFloat() * 120, random.nextFloat(), random.nextInt(3) == 0 ? 1f : 0f};
      for (int f = 0; f < row.length; f++) {
        if (random.nextDouble() < missing) {
          row[f] = Float.NaN;
        }
      }
      builder.add("t" + t, row, List.of("g" + random.nextInt(4)),
          random.nextBoolean() ? List.of("m" + random.nextInt(3)) : List.of());
    }
    return builder.build();
  }

  /** Weighted cosine over the features both rows have, straight from the definition. */
  private static double bruteForceCosine(float[] a, float[] b, float[] weights) {
    double dot = 0;
    double normA = 0;
    double normB = 0;
    for (int f = 0; f < a.length; f++) {
      if (!Float.isNaN(a[f]) && !Float.isNaN(b[f])) {
        dot += weights[f] * a[f] * b[f];
        normA += weights[f] * a[f] * a[f];
        normB += weights[f] * b[f] * b[f];
      }
    }
    return normA > 0 && normB > 0 ? dot / Math.sqrt(normA * normB) : 0;
  }

  private static float[] row(float[] values, int track, int width) {
    return java.util.Arrays.copyOfRange(values, track * width, (track + 1) * width);
  }

  @Test
  void scoresAreWeightedCosineOverSharedFeaturesAsBruteForceComputesIt() {
    FeatureTable table = randomTable(60, 7, 1.0 / 6);
    FeatureWeights weights = FeatureWeights.equal().withGroup(FeatureGroup.RHYTHM, 3f).withFeature("calm", 0.5f);
    ContentSimilarity similarity = ContentSimilarity.of(table, weights, 0f);
    float[] scaled = similarity.scaler().scale(table);
    float[] resolved = weights.resolve(NAMES);
    assertThat(resolved).containsExactly(1f, 1f, 3f, 1f, 0.5f);

    for (int a = 0; a < table.trackCount(); a++) {
      float[] all = similarity.scores(table.tracks().idOf(a));
      for (int b = 0; b < table.trackCount(); b++) {
        double expected = bruteForceCosine(row(scaled, a, NAMES.size()), row(scaled, b, NAMES.size()), resolved);
        assertThat((double) all[b]).as("tracks %d and %d", a, b).isCloseTo(expected, within(1e-5));
      }
    }
  }

  @Test
  void similarReturnsTheBruteForceTopNWithoutTheTrackOrExcludedOnes() {
    FeatureTable table = randomTable(200, 11, 0.1);
    ContentSimilarity similarity = ContentSimilarity.of(table, FeatureWeights.equal(), 0.3f);
    String query = "t5";
    float[] scores = similarity.scores(query);
    List<Integer> expected = IntStream.range(0, table.trackCount()).boxed()
        .filter(t -> t != 5 && t != 17)
        .sorted(Comparator.comparingDouble((Integer t) -> -scores[t]).thenComparingInt(t -> t))
        .limit(10).toList();

    List<SimilarTrack> found = similarity.similar(query, 10, Set.of("t17", "not-a-track"));
    assertThat(found).extracting(SimilarTrack::index).containsExactlyElementsOf(expected);
    for (SimilarTrack track : found) {
      assertThat(track.score()).isCloseTo(track.featureScore() + 0.3 * track.tagScore(), within(1e-5));
      assertThat(track.score()).isCloseTo(similarity.score(query, track.trackId()), within(1e-5));
    }
  }

  @Test
  void aMissingValueIsLeftOutRatherThanTakenAsZero() {
    FeatureTable table = FeatureTable.builder(List.of("tempo", "energy"))
        .add("a", new float[] {150, Float.NaN}, List.of(), List.of())
        .add("b", new float[] {150, 0.9f}, List.of(), List.of())
        .add("c", new float[] {60, 0.1f}, List.of(), List.of())
        .add("d", new float[] {100, 0.5f}, List.of(), List.of())
        .build();
    ContentSimilarity similarity = ContentSimilarity.of(table, FeatureWeights.equal(), 0f);

    // Over the one shared feature (tempo) a and b are identical: cosine 1, not pulled down by b's energy.
    assertThat(similarity.score("a", "b")).isCloseTo(1.0, within(1e-6));
    assertThat(similarity.score("a", "c")).isCloseTo(-1.0, within(1e-6));
    assertThat(similarity.similar("a", 1)).extracting(SimilarTrack::trackId).containsExactly("b");
  }

  @Test
  void sharedTagsAddTheirIdfWeightedJaccardTimesTheTagWeight() {
    FeatureTable table = FeatureTable.builder(List.of("tempo", "energy"))
        .add("query", new float[] {150, 0.9f}, List.of("jazz"), List.of("calm"))
        .add("same-genre", new float[] {150, 0.9f}, List.of("jazz"), List.of())
        .add("no-tags", new float[] {150, 0.9f}, List.of(), List.of())
        .add("other", new float[] {60, 0.1f}, List.of("rock"), List.of("calm"))
        .add("filler1", new float[] {70, 0.2f}, List.of(), List.of())
        .add("filler2", new float[] {80, 0.3f}, List.of(), List.of())
        .add("filler3", new float[] {90, 0.4f}, List.of(), List.of())
        .build();
    ContentSimilarity similarity = ContentSimilarity.of(table, FeatureWeights.equal(), 0.5f);

    // idf = ln(1 + 7 / df): jazz and calm are each on 2 of 7 tracks, so both weigh ln 4.5.
    // The query and same-genre share jazz: ln4.5 / (2 ln4.5 + ln4.5 - ln4.5) = 1/2.
    double idf = Math.log(4.5);
    assertThat(similarity.score("query", "same-genre")).isCloseTo(1 + 0.5 * (idf / (2 * idf)), within(1e-5));
    assertThat(similarity.score("query", "no-tags")).isCloseTo(1.0, within(1e-6));
    assertThat(similarity.similar("query", 2)).extracting(SimilarTrack::trackId)
        .containsExactly("same-genre", "no-tags");
  }

  @Test
  void aTasteProfileQueryRanksLikeTheTrackItCopies() {
    FeatureTable table = randomTable(100, 3, 0.05);
    ContentSimilarity similarity = ContentSimilarity.of(table, FeatureWeights.defaults(), 0f);
    int track = 42;
    BitSet blocked = new BitSet();
    blocked.set(track);

    List<SimilarTrack> byProfile = similarity.similarTo(similarity.scaledRow(track), List.of(), List.of(), 5, blocked);
    assertThat(byProfile).extracting(SimilarTrack::trackId)
        .containsExactlyElementsOf(similarity.similar("t42", 5).stream().map(SimilarTrack::trackId).toList());
    assertThatThrownBy(() -> similarity.similarTo(new float[2], List.of(), List.of(), 5, null))
        .hasMessageContaining("want 5");
  }

  @Test
  void aLearnedMetricScoresTheCosineOfProjectedRows() {
    FeatureTable table = randomTable(40, 5, 0.2);
    FeatureScaler scaler = FeatureScaler.learn(table);
    Random random = new Random(1);
    int dimensions = 3;
    float[] matrix = new float[NAMES.size() * dimensions];
    for (int i = 0; i < matrix.length; i++) {
      matrix[i] = (float) random.nextGaussian();
    }
    ContentSimilarity similarity = ContentSimilarity.of(table, scaler,
        SimilarityMetric.linear(NAMES, dimensions, matrix), 0f);
    float[] scaled = scaler.scale(table);

    for (int a = 0; a < table.trackCount(); a += 3) {
      for (int b = 0; b < table.trackCount(); b++) {
        float[] first = row(scaled, a, NAMES.size());
        float[] second = row(scaled, b, NAMES.size());
        double[] projectedFirst = new double[dimensions];
        double[] projectedSecond = new double[dimensions];
        for (int f = 0; f < NAMES.size(); f++) {
          if (Float.isNaN(first[f]) || Float.isNaN(second[f])) {
            continue;
          }
          for (int d = 0; d < dimensions; d++) {
            projectedFirst[d] += first[f] * matrix[f * dimensions + d];
            projectedSecond[d] += second[f] * matrix[f * dimensions + d];
          }
        }
        double dot = 0;
        double normFirst = 0;
        double normSecond = 0;
        for (int d = 0; d < dimensions; d++) {
          dot += projectedFirst[d] * projectedSecond[d];
          normFirst += projectedFirst[d] * projectedFirst[d];
          normSecond += projectedSecond[d] * projectedSecond[d];
        }
        double expected = normFirst > 0 && normSecond > 0 ? dot / Math.sqrt(normFirst * normSecond) : 0;
        assertThat(similarity.score("t" + a, "t" + b)).as("t%d t%d", a, b).isCloseTo(expected, within(1e-4));
      }
    }
  }

  @Test
  void explanationPartsSumToTheScoreAndSpeakAListenersWords() {
    FeatureTable.Builder builder = FeatureTable.builder(StandardFeatures.NAMES);
    Random random = new Random(2);
    for (int t = 0; t < 50; t++) {
      float[] row = new float[StandardFeatures.NAMES.size()];
      for (int f = 0; f < row.length; f++) {
        row[f] = f >= 12 ? (random.nextInt(4) == 0 ? 1 : 0) : (float) random.nextGaussian();
      }
      row[5] = 80 + random.nextFloat() * 60;
      builder.add("t" + t, row, List.of("g" + (t % 5)), List.of());
    }
    float[] fastCalm = new float[StandardFeatures.NAMES.size()];
    fastCalm[5] = 190;
    fastCalm[15] = 1;
    builder.add("a", fastCalm, List.of("rock"), List.of("calm"));
    float[] alsoFastCalm = fastCalm.clone();
    alsoFastCalm[5] = 185;
    alsoFastCalm[0] = 0.2f;
    builder.add("b", alsoFastCalm, List.of("rock", "blues"), List.of("calm"));
    ContentSimilarity similarity = ContentSimilarity.of(builder.build(), FeatureWeights.defaults(), 0.25f);

    ContentExplanation why = similarity.explain("a", "b", 5);
    assertThat(why.score()).isCloseTo(similarity.score("a", "b"), within(1e-5));
    assertThat(why.score()).isCloseTo(why.featureScore() + 0.25 * why.tagScore(), within(1e-9));
    assertThat(why.sharedGenres()).containsExactly("rock");
    assertThat(why.sharedMoods()).containsExactly("calm");
    assertThat(why.matches()).extracting(FeatureMatch::words).contains("both fast", "both calm");
    assertThat(why.summary()).contains("both fast", "both calm", "same genre (rock)");
    ContentExplanation all = similarity.explain("a", "b", 100);
    double positiveParts = all.matches().stream().mapToDouble(FeatureMatch::contribution).sum();
    assertThat(positiveParts).isGreaterThanOrEqualTo(all.featureScore() - 1e-6);
  }

  @Test
  void contributionsOfAWeightedCosineSumExactlyToIt() {
    FeatureTable table = randomTable(30, 9, 0.2);
    ContentSimilarity similarity = ContentSimilarity.of(table, FeatureWeights.equal(), 0f);
    for (int b = 1; b < 30; b++) {
      ContentExplanation why = similarity.explain("t0", "t" + b, 100);
      List<Double> parts = new ArrayList<>();
      why.matches().forEach(match -> parts.add(match.contribution()));
      assertThat(why.featureScore()).isCloseTo(similarity.score("t0", "t" + b), within(1e-5));
      assertThat(parts).allMatch(part -> part > 0);
    }
  }

  @Test
  void rejectsAMetricOverOtherFeaturesAndNegativeWeights() {
    FeatureTable table = randomTable(5, 1, 0);
    FeatureScaler scaler = FeatureScaler.learn(table);
    assertThatThrownBy(() -> ContentSimilarity.of(table, scaler,
        SimilarityMetric.weighted(List.of("tempo"), new float[] {1f}), 0f)).hasMessageContaining("differ");
    assertThatThrownBy(() -> FeatureWeights.equal().withFeature("tempo", -1f)).hasMessageContaining("'tempo'");
    assertThatThrownBy(() -> ContentSimilarity.of(table, FeatureWeights.equal(), Float.NaN))
        .hasMessageContaining("tag weight");
  }
}
