package dev.encore.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.als.Solver;
import dev.encore.data.Confidence;
import dev.encore.data.Csr;
import dev.encore.data.Interactions;
import dev.encore.data.UnknownIdException;
import dev.encore.testing.RandomInteractions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FactorModelTest {
  private static final Interactions DATA = RandomInteractions.generate(80, 50, 0.12, 30, 5);
  private static final AlsConfig EXACT = AlsConfig.defaults().withFactors(8).withRegularization(0.5f)
      .withConfidence(Confidence.log(3f, 1f)).withIterations(6).withSolver(Solver.CHOLESKY).withThreads(2);
  private static final FactorModel MODEL = new AlsTrainer(EXACT).fit(DATA);

  private static Map<String, Float> playsOf(int user) {
    Map<String, Float> plays = new HashMap<>();
    Csr matrix = DATA.userItems();
    for (int p = matrix.rowStart(user); p < matrix.rowEnd(user); p++) {
      plays.put(DATA.items().idOf(matrix.indices()[p]), matrix.values()[p]);
    }
    return plays;
  }

  @Test
  void foldInEqualsTheTrainedRow() {
    for (int user = 0; user < DATA.users().size(); user += 9) {
      float[] folded = MODEL.foldIn(playsOf(user));
      float[] trained = MODEL.userVector(user);
      for (int a = 0; a < folded.length; a++) {
        assertThat(folded[a]).as("user %d factor %d", user, a).isCloseTo(trained[a], within(1e-4f));
      }
    }
  }

  @Test
  void foldedInUserGetsTheSameRecommendationsAsTheTrainedOne() {
    Map<String, Float> plays = playsOf(3);
    float[] folded = MODEL.foldIn(plays);
    List<Recommendation> viaFoldIn = MODEL.recommend(folded, MODEL.itemIndices(plays), 5, RecommendOptions.DEFAULT);
    List<Recommendation> trained = MODEL.recommend("u3", 5, RecommendOptions.DEFAULT);
    assertThat(viaFoldIn).extracting(Recommendation::itemId)
        .containsExactlyElementsOf(trained.stream().map(Recommendation::itemId).toList());
  }

  @Test
  void withItemsAppendsTracksThatScoreAndListLikeTheirFactorsSay() {
    int k = MODEL.factors();
    float[] copyOfFirst = Arrays.copyOfRange(MODEL.itemFactors(), 0, k);
    float[] opposite = new float[k];
    for (int a = 0; a < k; a++) {
      opposite[a] = -copyOfFirst[a];
    }
    float[] added = new float[2 * k];
    System.arraycopy(copyOfFirst, 0, added, 0, k);
    System.arraycopy(opposite, 0, added, k, k);
    FactorModel extended = MODEL.withItems(List.of("twin", "anti"), added);
    int items = MODEL.items().size();
    assertThat(extended.items().size()).isEqualTo(items + 2);
    assertThat(extended.items().idOf(items)).isEqualTo("twin");
    assertThat(extended.played().columns()).isEqualTo(items + 2);
    assertThat(extended.played().nnz()).isEqualTo(MODEL.played().nnz());
    for (int user = 0; user < DATA.users().size(); user += 13) {
      assertThat(extended.score(user, items)).isEqualTo(MODEL.score(user, 0));
      assertThat(extended.score(user, items + 1)).isEqualTo(-MODEL.score(user, 0));
    }
    List<Recommendation> similar = extended.similarItems("i0", 1);
    assertThat(similar.get(0).itemId()).isEqualTo("twin");
    assertThat(similar.get(0).score()).isCloseTo(1f, within(1e-5f));
    // Exactly opposite to i0 and its twin: both come last, tied, the lower index first.
    assertThat(extended.similarItems("anti", items + 1)).extracting(Recommendation::itemId).endsWith("i0", "twin");
    // The original is untouched.
    assertThat(MODEL.items().size()).isEqualTo(items);
  }

  @Test
  void withItemsRejectsMisshapenOrNonFiniteFactorsAndTakenIds() {
    int k = MODEL.factors();
    assertThatThrownBy(() -> MODEL.withItems(List.of("new"), new float[k + 1]))
        .hasMessageContaining("1 new items need " + k + " factor values");
    float[] broken = new float[k];
    broken[2] = Float.NaN;
    assertThatThrownBy(() -> MODEL.withItems(List.of("new"), broken))
        .hasMessageContaining("factor 2 of new item 'new' is NaN");
    assertThatThrownBy(() -> MODEL.withItems(List.of("i3"), new float[k])).hasMessageContaining("duplicate item id 'i3'");
  }

  @Test
  void foldInOfAnUnknownItemNamesIt() {
    assertThatThrownBy(() -> MODEL.foldIn(Map.of("nope", 2f)))
        .isInstanceOf(UnknownIdException.class).hasMessage("unknown item id 'nope'");
  }

  @Test
  void explanationPartsSumToTheScore() {
    for (int user = 0; user < DATA.users().size(); user += 11) {
      for (int item = 0; item < DATA.items().size(); item += 7) {
        Explanation explanation = MODEL.explain("u" + user, "i" + item, Integer.MAX_VALUE);
        double sum = explanation.contributions().stream().mapToDouble(Explanation.Contribution::contribution).sum();
        assertThat(explanation.contributions()).hasSize(DATA.userItems().rowLength(user));
        assertThat(sum).isCloseTo(explanation.score(), within(1e-6));
        // Exact solver: the user's row solves the same system, so the explanation reproduces the model's score.
        assertThat(explanation.score()).isCloseTo(explanation.modelScore(), within(1e-4));
        double shares = explanation.contributions().stream().mapToDouble(Explanation.Contribution::share).sum();
        if (Math.abs(explanation.score()) > 1e-6) {
          assertThat(shares).isCloseTo(1.0, within(1e-6));
        }
      }
    }
  }

  @Test
  void explanationOfPlaysMatchesTheTrainedRowAndSumsToTheFoldedScore() {
    Map<String, Float> plays = playsOf(5);
    Explanation ofRow = MODEL.explain("u5", "i7", Integer.MAX_VALUE);
    Explanation ofPlays = MODEL.explain("u5", plays, "i7", Integer.MAX_VALUE);
    assertThat(ofPlays.score()).isCloseTo(ofRow.score(), within(1e-6));
    assertThat(ofPlays.playedCount()).isEqualTo(plays.size());

    plays.put("i7", 0f);
    plays.merge("i9", 25f, Float::sum);
    Explanation extended = MODEL.explain("someone-new", plays, "i7", Integer.MAX_VALUE);
    double sum = extended.contributions().stream().mapToDouble(Explanation.Contribution::contribution).sum();
    assertThat(sum).isCloseTo(extended.score(), within(1e-6));
    float[] folded = MODEL.foldIn(plays);
    double foldedScore = 0;
    for (int a = 0; a < folded.length; a++) {
      foldedScore += folded[a] * MODEL.itemFactors()[DATA.items().indexOf("i7") * folded.length + a];
    }
    assertThat(extended.modelScore()).isCloseTo(foldedScore, within(1e-5));
    assertThat(extended.score()).isCloseTo(foldedScore, within(1e-4));
  }

  @Test
  void explanationListsTheLargestContributionsFirstAndTheRestSumsToTheScore() {
    for (int user = 0; user < DATA.users().size(); user++) {
      Explanation explanation = MODEL.explain(DATA.users().idOf(user), "i2", 3);
      assertThat(explanation.contributions()).hasSizeLessThanOrEqualTo(3);
      for (int i = 1; i < explanation.contributions().size(); i++) {
        assertThat(Math.abs(explanation.contributions().get(i).contribution()))
            .isLessThanOrEqualTo(Math.abs(explanation.contributions().get(i - 1).contribution()));
      }
      double listed = explanation.contributions().stream().mapToDouble(Explanation.Contribution::contribution).sum();
      Explanation whole = MODEL.explain(DATA.users().idOf(user), "i2", Integer.MAX_VALUE);
      double unlisted = whole.contributions().stream().skip(explanation.contributions().size())
          .mapToDouble(Explanation.Contribution::contribution).sum();
      assertThat(explanation.restOfScore()).isCloseTo(unlisted, within(1e-9));
      assertThat(listed + explanation.restOfScore()).isCloseTo(explanation.score(), within(1e-9));
      assertThat(whole.restOfScore()).isCloseTo(0, within(1e-9));
    }
  }

  @Test
  void anExplanationSaysWhyItsScoreDiffersFromTheModelsAndOnlyThen() {
    assertThat(Explanation.noteFor(0.5, 0.5002)).isNull();
    assertThat(Explanation.noteFor(0.5, 0.62)).contains("0.5000", "0.6200", "conjugate gradient");
    assertThat(MODEL.explain("u1", "i2", 3).note()).as("an exact model's score is the explained one").isNull();
  }

  @Test
  void recommendNeverReturnsAPlayedItemWhenFiltering() {
    for (int user = 0; user < DATA.users().size(); user++) {
      Set<String> played = playsOf(user).keySet();
      List<Recommendation> recommendations = MODEL.recommend("u" + user, 50, RecommendOptions.DEFAULT);
      assertThat(recommendations).extracting(Recommendation::itemId).doesNotContainAnyElementsOf(played);
      assertThat(recommendations).hasSize(DATA.items().size() - played.size());
    }
  }

  @Test
  void keepingPlayedItemsRanksEveryItemByScore() {
    List<Recommendation> all = MODEL.recommend("u4", 50, RecommendOptions.keepPlayed());
    assertThat(all).hasSize(50);
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).score()).isLessThanOrEqualTo(all.get(i - 1).score());
    }
    int user = DATA.users().indexOf("u4");
    Recommendation best = all.get(0);
    assertThat(best.score()).isCloseTo(MODEL.score(user, DATA.items().indexOf(best.itemId())), within(1e-5f));
  }

  @Test
  void includeAndExcludeRestrictTheCandidates() {
    Set<String> include = Set.of("i1", "i2", "i3", "i4");
    RecommendOptions options = RecommendOptions.keepPlayed().withInclude(include).withExclude(Set.of("i2"));
    assertThat(MODEL.recommend("u0", 10, options)).extracting(Recommendation::itemId)
        .containsExactlyInAnyOrder("i1", "i3", "i4");
    assertThatThrownBy(() -> MODEL.recommend("u0", 10, options.withExclude(Set.of("zzz"))))
        .hasMessage("unknown item id 'zzz'");
  }

  @Test
  void recommendAllAgreesWithOneUserRecommendations() {
    int[][] all = MODEL.recommendAll(7, RecommendOptions.DEFAULT, 3);
    for (int user = 0; user < DATA.users().size(); user++) {
      List<ScoredItem> single = MODEL.recommend(user, 7, RecommendOptions.DEFAULT);
      assertThat(all[user]).containsExactly(single.stream().mapToInt(ScoredItem::index).toArray());
    }
  }

  @Test
  void similarItemsAreSortedByCosineAndExcludeTheQuery() {
    List<Recommendation> similar = MODEL.similarItems("i5", 10);
    assertThat(similar).hasSize(10).extracting(Recommendation::itemId).doesNotContain("i5");
    float[] factors = MODEL.itemFactors();
    int k = MODEL.factors();
    int query = DATA.items().indexOf("i5");
    for (Recommendation neighbour : similar) {
      int other = DATA.items().indexOf(neighbour.itemId());
      double dot = 0;
      double normQuery = 0;
      double normOther = 0;
      for (int a = 0; a < k; a++) {
        dot += factors[query * k + a] * factors[other * k + a];
        normQuery += factors[query * k + a] * factors[query * k + a];
        normOther += factors[other * k + a] * factors[other * k + a];
      }
      assertThat((double) neighbour.score()).isCloseTo(dot / Math.sqrt(normQuery * normOther), within(1e-5));
    }
    for (int i = 1; i < similar.size(); i++) {
      assertThat(similar.get(i).score()).isLessThanOrEqualTo(similar.get(i - 1).score());
    }
  }

  @Test
  void similarUsersExcludeTheQueryAndAreUnique() {
    List<SimilarUser> similar = MODEL.similarUsers("u2", 15);
    assertThat(similar).hasSize(15).extracting(SimilarUser::userId).doesNotContain("u2").doesNotHaveDuplicates();
    assertThat(new HashSet<>(similar)).hasSize(15);
  }

  @Test
  void unknownUserIsAnErrorNamingIt() {
    assertThatThrownBy(() -> MODEL.recommend("ghost", 3, RecommendOptions.DEFAULT))
        .isInstanceOf(UnknownIdException.class).hasMessage("unknown user id 'ghost'");
  }

  @Test
  void comparingAModelWithItselfGivesFullOverlapAndAnotherSeedLess() {
    ModelComparison same = ModelComparison.compare(MODEL, MODEL, 10, 1000, 1, 2);
    assertThat(same.itemOverlap()).isEqualTo(1.0);
    assertThat(same.userOverlap()).isEqualTo(1.0);
    assertThat(same.itemsCompared()).isEqualTo(DATA.items().size());
    FactorModel smaller = new AlsTrainer(EXACT.withFactors(2).withSeed(99)).fit(DATA);
    ModelComparison different = ModelComparison.compare(MODEL, smaller, 10, 1000, 1, 2);
    assertThat(different.itemOverlap()).isLessThan(1.0).isGreaterThan(0.0);
  }
}
