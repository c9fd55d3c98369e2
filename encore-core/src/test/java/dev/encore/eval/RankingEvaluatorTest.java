package dev.encore.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.encore.data.Csr;
import dev.encore.data.IdIndex;
import dev.encore.data.Interactions;
import dev.encore.data.InteractionsBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RankingEvaluatorTest {
  private static final double EPS = 1e-12;

  /**
   * Six items i0..i5, k = 3, four users:
   * <ul>
   *   <li>u0 trained on i0; test i2 (value 1), i4 (value 3); scores fall from i0 to i5, so the
   *       candidates rank i1 i2 i3 i4 i5 and the top 3 is [i1, i2, i3]: one hit at position 1.
   *   <li>u1 trained on i5; test i0 (value 2); scores rise from i0 to i5, the top 3 is
   *       [i4, i3, i2]: no hit, and i0 is last of five candidates.
   *   <li>u2 has no test items and is not evaluated.
   *   <li>u3 trained on i0..i3; test i4 (value 1); all scores tie, so the lower index wins and the
   *       top 3 is [i4, i5] with the third position empty: one hit at position 0.
   * </ul>
   */
  private static final class HandCase {
    final Interactions train;
    final Interactions test;
    final FixedScores model;

    HandCase() {
      IdIndex.Builder users = new IdIndex.Builder("user");
      IdIndex.Builder items = new IdIndex.Builder("item");
      for (int u = 0; u < 4; u++) {
        users.intern("u" + u);
      }
      for (int i = 0; i < 6; i++) {
        items.intern("i" + i);
      }
      InteractionsBuilder trainRows = new InteractionsBuilder(users, items)
          .add("u0", "i0", 1).add("u1", "i5", 1).add("u2", "i1", 1)
          .add("u3", "i0", 1).add("u3", "i1", 1).add("u3", "i2", 1).add("u3", "i3", 1);
      InteractionsBuilder testRows = new InteractionsBuilder(users, items)
          .add("u0", "i2", 1).add("u0", "i4", 3).add("u1", "i0", 2).add("u3", "i4", 1);
      train = trainRows.build();
      test = testRows.build();
      model = new FixedScores(train, new float[][] {
          {.9f, .8f, .7f, .6f, .5f, .4f},
          {.1f, .2f, .3f, .4f, .5f, .9f},
          {0, 0, 0, 0, 0, 0},
          {0, 0, 0, 0, 0, 0}});
    }
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Test
  void matchesHandComputedMetrics() {
    HandCase data = new HandCase();
    MetricReport report = RankingEvaluator.evaluate(data.model, data.train, data.test, 3, 1);

    assertThat(report.users()).isEqualTo(3);
    // Pooled: hits 1 + 0 + 1 over min(3, |test|) = 2 + 1 + 1.
    assertThat(report.precision()).isCloseTo(2.0 / 4, within(EPS));
    assertThat(report.recall()).isCloseTo((1.0 / 2 + 0 + 1) / 3, within(EPS));
    // u0: hit at position 1 gives 1/2, over min(3, 2); u3: 1/1 over 1.
    assertThat(report.map()).isCloseTo((0.5 / 2 + 0 + 1) / 3, within(EPS));
    double ndcgU0 = (1 / log2(3)) / (1 + 1 / log2(3));
    assertThat(report.ndcg()).isCloseTo((ndcgU0 + 0 + 1) / 3, within(EPS));
    // u0: miss, hit, miss gives 1, plus (1 + 2) / 2 * (4 - 2) = 3, over 2 * 4.
    // u1: three misses give 0, plus (0 + 1) / 2 * (5 - 3) = 1, over 1 * 5.
    // u3: hit, miss, miss gives 2, plus (1 + 1) / 2 * (5 - 2) = 3, over 1 * 5.
    assertThat(report.auc()).isCloseTo((4.0 / 8 + 1.0 / 5 + 5.0 / 5) / 3, within(EPS));
    assertThat(report.hitRate()).isCloseTo(2.0 / 3, within(EPS));
    // u0: i2 at 1 of 0..4 (1/4, weight 1), i4 at 3 (3/4, weight 3); u1: i0 at 4 of 0..4
    // (1, weight 2); u3: i4 at 0 of 0..1 (0, weight 1).
    assertThat(report.expectedPercentileRank())
        .isCloseTo((0.25 + 3 * 0.75 + 2 * 1.0 + 0) / (1 + 3 + 2 + 1), within(EPS));
    // Shown: i1 i2 i3 (u0), i4 i3 i2 (u1), i4 i5 (u3): five of six items.
    assertThat(report.coverage()).isCloseTo(5.0 / 6, within(EPS));
    // Exposure by item i0..i5: 0 1 2 2 2 1; sorted 0 1 1 2 2 2 against weights 2i - n - 1 = -5 -3 -1 1 3 5.
    assertThat(report.gini()).isCloseTo((-3 - 1 + 2 + 6 + 10) / (6.0 * 8), within(EPS));
    // Training listeners of i0..i5 (of 4 users): 2 2 1 1 0 1; each shown item weighs log2(5 / (n + 1)).
    assertThat(report.novelty()).isCloseTo((log2(5 / 3.0) + 5 * log2(5 / 2.0) + 2 * log2(5)) / 8, within(EPS));
  }

  @Test
  void giniIsZeroForEvenExposureAndGrowsAsOneItemFillsEveryList() {
    HandCase data = new HandCase();
    float[] same = {.1f, .2f, .3f, .4f, .9f, .5f};
    FixedScores popular = new FixedScores(data.train, new float[][] {same, same, same, same});
    MetricReport concentrated = RankingEvaluator.evaluate(popular, data.train, data.test, 1, 1);
    // Nobody trained on i4, so it is all three evaluated users' top 1: exposure 0 0 0 0 0 3 sorted,
    // Gini 5 * 3 / (6 * 3).
    assertThat(concentrated.gini()).isCloseTo(5.0 / 6, within(EPS));
    MetricSums even = new MetricSums(1, 3);
    for (int item = 0; item < 3; item++) {
      even.addRanking(new boolean[] {true}, 1);
      even.addRecommended(item);
    }
    assertThat(even.report().gini()).isCloseTo(0, within(EPS));
    assertThat(even.report().novelty()).isNaN();
  }

  @Test
  void byNameUsesTheCutOffInTheKeys() {
    HandCase data = new HandCase();
    Map<String, Double> named = RankingEvaluator.evaluate(data.model, data.train, data.test, 3, 1).byName();
    assertThat(named.keySet()).containsExactly("precision@3", "recall@3", "map@3", "ndcg@3",
        "auc@3", "hitrate@3", "epr", "coverage@3", "gini@3", "novelty@3", "users");
    assertThat(named.get("users")).isEqualTo(3.0);
    assertThat(named.get("precision@3")).isCloseTo(0.5, within(EPS));
  }

  @Test
  void resultsDoNotDependOnRunsAndBarelyOnThreads() {
    Interactions input = TestInteractions.random(11, 300, 40, 0.2, false);
    Split split = new UserRatioSplitter(0.3, 5).split(input);
    FixedScores model = new FixedScores(split.train(), randomScores(300, 40, 3));
    MetricReport single = RankingEvaluator.evaluate(model, split.train(), split.test(), 5, 1);
    MetricReport threeA = RankingEvaluator.evaluate(model, split.train(), split.test(), 5, 3);
    MetricReport threeB = RankingEvaluator.evaluate(model, split.train(), split.test(), 5, 3);
    assertThat(threeA).isEqualTo(threeB);
    assertThat(threeA.users()).isEqualTo(single.users());
    single.byName().forEach((name, value) ->
        assertThat(threeA.byName().get(name)).as(name).isCloseTo(value, within(1e-9)));
  }

  @Test
  void reportsProgressUpToEveryUser() {
    Interactions input = TestInteractions.random(3, 700, 20, 0.2, false);
    Split split = new RandomSplitter(0.3, 1).split(input);
    FixedScores model = new FixedScores(split.train(), randomScores(700, 20, 1));
    AtomicLong latest = new AtomicLong();
    RankingEvaluator.evaluate(model, split.train(), split.test(), 5, 2,
        done -> latest.accumulateAndGet(done, Math::max));
    assertThat(latest.get()).isEqualTo(700);
  }

  @Test
  void rejectsBadArgumentsAndMismatchedIndices() {
    HandCase data = new HandCase();
    assertThatThrownBy(() -> RankingEvaluator.evaluate(data.model, data.train, data.test, 0, 1))
        .hasMessage("k 0 must be >= 1");
    assertThatThrownBy(() -> RankingEvaluator.evaluate(data.model, data.train, data.test, 3, 0))
        .hasMessage("threads 0 must be >= 1");
    Interactions elsewhere = new InteractionsBuilder().add("x", "y", 1).build();
    assertThatThrownBy(() -> RankingEvaluator.evaluate(data.model, data.train, elsewhere, 3, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("test and train users differ");
  }

  @Test
  void emptyTestIsAnError() {
    HandCase data = new HandCase();
    Interactions noTest = Interactions.of(data.train.users(), data.train.items(),
        new Csr(4, 6, new int[5], new int[0], new float[0]), null);
    assertThatThrownBy(() -> RankingEvaluator.evaluate(data.model, data.train, noTest, 3, 1))
        .hasMessageContaining("no user has a test item");
  }

  @Property(tries = 40)
  void metricsStayWithinZeroAndOne(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int k,
      @ForAll @IntRange(min = 1, max = 3) int threads) {
    Interactions input = TestInteractions.random(seed, 25, 15, 0.3, false);
    Split split = new RandomSplitter(0.3, seed).split(input);
    if (split.test().nnz() == 0) {
      return;
    }
    FixedScores model = new FixedScores(split.train(), randomScores(25, 15, seed));
    MetricReport report = RankingEvaluator.evaluate(model, split.train(), split.test(), k, threads);
    report.byName().forEach((name, value) -> {
      if (name.startsWith("novelty")) {
        // Bits of surprisal: at least 0, at most log2(25 + 1) for an item none of the 25 users trained on.
        assertThat(value).as(name).isBetween(0.0, log2(26));
      } else if (!name.equals("users")) {
        assertThat(value).as(name).isBetween(0.0, 1.0);
      }
    });
  }

  @Property(tries = 40)
  void aPerfectRecommenderScoresOne(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int k) {
    Interactions input = TestInteractions.random(seed, 20, 16, 0.6, false);
    Split split = LeaveKOutSplitter.random(k + 1, seed).split(input);
    if (split.test().nnz() == 0) {
      return;
    }
    FixedScores model = new FixedScores(split.train(), testFirstScores(split.test(), seed));
    MetricReport report = RankingEvaluator.evaluate(model, split.train(), split.test(), k, 2);
    // Every evaluated user holds out k + 1 >= k items, so all k positions are hits.
    assertThat(report.precision()).isCloseTo(1.0, within(EPS));
    assertThat(report.ndcg()).isCloseTo(1.0, within(EPS));
    assertThat(report.map()).isCloseTo(1.0, within(EPS));
    assertThat(report.hitRate()).isCloseTo(1.0, within(EPS));
  }

  @Property(tries = 30)
  void aPerfectRecommenderScoresOneOnNdcgAndMapForAnyTestSize(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 10) int k) {
    Interactions input = TestInteractions.random(seed, 20, 16, 0.4, false);
    Split split = new UserRatioSplitter(0.4, seed).split(input);
    if (split.test().nnz() == 0) {
      return;
    }
    FixedScores model = new FixedScores(split.train(), testFirstScores(split.test(), seed));
    MetricReport report = RankingEvaluator.evaluate(model, split.train(), split.test(), k, 1);
    assertThat(report.ndcg()).isCloseTo(1.0, within(EPS));
    assertThat(report.map()).isCloseTo(1.0, within(EPS));
  }

  private static float[][] randomScores(int users, int items, long seed) {
    Random random = new Random(seed);
    float[][] scores = new float[users][items];
    for (float[] row : scores) {
      for (int i = 0; i < items; i++) {
        row[i] = random.nextInt(5);
      }
    }
    return scores;
  }

  /** Random scores below 1 for everything, 1 plus noise for each user's test items. */
  private static float[][] testFirstScores(Interactions test, long seed) {
    Csr matrix = test.userItems();
    float[][] scores = randomScores(matrix.rows(), matrix.columns(), seed);
    for (int u = 0; u < matrix.rows(); u++) {
      for (int i = 0; i < matrix.columns(); i++) {
        scores[u][i] /= 10;
      }
      for (int p = matrix.rowStart(u); p < matrix.rowEnd(u); p++) {
        scores[u][matrix.indices()[p]] += 1;
      }
    }
    return scores;
  }
}
