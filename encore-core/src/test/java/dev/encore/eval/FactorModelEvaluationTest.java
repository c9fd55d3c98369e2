package dev.encore.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.als.AlsConfig;
import dev.encore.data.Csr;
import dev.encore.data.IdIndex;
import dev.encore.data.Interactions;
import dev.encore.data.InteractionsBuilder;
import dev.encore.model.FactorModel;
import dev.encore.model.Recommender;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The blocked evaluation of a factor model against the independent answer: the same model
 * evaluated user by user through {@link Recommender#scoreAll} (it is hidden behind a plain
 * recommender, so the evaluator cannot take the blocked path), which must give the same report,
 * number for number, with ties, several item tiles, test items also trained on and any threads.
 */
class FactorModelEvaluationTest {
  /** More than two tiles of 1,024 items, and not a whole number of 16-item panels. */
  private static final int ITEMS = 2_100;

  @Property(tries = 12)
  void theBlockedReportEqualsTheUserByUserOne(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int threads,
      @ForAll @IntRange(min = 1, max = 12) int k, @ForAll boolean coarseFactors) {
    Random random = new Random(seed);
    Interactions[] split = split(random, 90, ITEMS, 0.01);
    // Coarse factors (whole numbers 0..2 over 2 factors) make most scores tie.
    FactorModel model = model(split[0], coarseFactors ? 2 : 8, random, coarseFactors);

    MetricReport blocked = blocked(model, split, k, threads);
    MetricReport userByUser = RankingEvaluator.evaluate(plain(model), split[0], split[1], k, threads);

    assertThat(blocked).isEqualTo(userByUser);
    assertThat(RankingEvaluator.evaluate(model, split[0], split[1], k, threads)).isEqualTo(blocked);
  }

  @Property(tries = 12)
  void theTopListReportIsTheUserByUserOneWithoutPercentileRanks(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 3) int threads, @ForAll @IntRange(min = 1, max = 12) int k,
      @ForAll boolean coarseFactors) {
    Random random = new Random(seed);
    Interactions[] split = split(random, 90, ITEMS, 0.01, 0.1);
    FactorModel model = model(split[0], coarseFactors ? 2 : 8, random, coarseFactors);

    MetricReport full = RankingEvaluator.evaluate(plain(model), split[0], split[1], k, threads);
    MetricReport topLists = RankingEvaluator.evaluateTopK(model, split[0], split[1], k, threads);

    assertThat(full.expectedPercentileRank()).isNotNaN();
    assertThat(topLists).isEqualTo(new MetricReport(full.k(), full.users(), full.precision(), full.recall(), full.map(),
        full.ndcg(), full.auc(), full.hitRate(), Double.NaN, full.coverage(), full.gini(), full.novelty()));
  }

  @Test
  void theTopListReportOfAModelWithANonFiniteFactorIsTheFullOne() {
    Random random = new Random(9);
    Interactions[] split = split(random, 30, 200, 0.05);
    FactorModel finite = model(split[0], 4, random, false);
    float[] users = finite.userFactors().clone();
    users[3] = Float.POSITIVE_INFINITY;
    FactorModel withInfinity = new FactorModel(finite.users(), finite.items(), 4, users, finite.itemFactors(),
        finite.played(), finite.settings());

    assertThat(RankingEvaluator.evaluateTopK(withInfinity, split[0], split[1], 5, 2))
        .isEqualTo(RankingEvaluator.evaluate(plain(withInfinity), split[0], split[1], 5, 2));
  }

  @Test
  void aTestItemAlsoTrainedOnIsNeitherRankedNorRecommended() {
    Random random = new Random(5);
    Interactions[] split = split(random, 40, 300, 0.05, 0.3);
    FactorModel model = model(split[0], 6, random, false);

    assertThat(blocked(model, split, 10, 2)).isEqualTo(RankingEvaluator.evaluate(plain(model), split[0], split[1], 10, 2));
  }

  @Test
  void aModelWithANonFiniteScoreIsEvaluatedUserByUser() {
    Random random = new Random(8);
    Interactions[] split = split(random, 30, 200, 0.05);
    FactorModel finite = model(split[0], 4, random, false);
    float[] items = finite.itemFactors().clone();
    items[4 * split[1].userItems().indices()[0]] = Float.NaN;
    FactorModel withNaN = new FactorModel(finite.users(), finite.items(), 4, finite.userFactors(), items,
        finite.played(), finite.settings());

    assertThat(blocked(withNaN, split, 5, 2)).as("left to the user-by-user path").isNull();
    assertThat(RankingEvaluator.evaluate(withNaN, split[0], split[1], 5, 2))
        .isEqualTo(RankingEvaluator.evaluate(plain(withNaN), split[0], split[1], 5, 2));
  }

  @Test
  void progressReachesEveryUser() {
    Random random = new Random(2);
    Interactions[] split = split(random, 700, 400, 0.02);
    FactorModel model = model(split[0], 4, random, false);
    AtomicLong latest = new AtomicLong();
    RankingEvaluator.evaluate(model, split[0], split[1], 5, 2, done -> latest.accumulateAndGet(done, Math::max));
    assertThat(latest.get()).isEqualTo(700);
  }

  /** The blocked path alone, with the thread shares RankingEvaluator deals. */
  private static MetricReport blocked(FactorModel model, Interactions[] split, int k, int threads) {
    Csr itemUsers = split[0].itemUsers();
    int[] listeners = new int[itemUsers.rows()];
    for (int item = 0; item < listeners.length; item++) {
      listeners[item] = itemUsers.rowLength(item);
    }
    int workers = Math.min(threads, split[0].users().size());
    return FactorModelEvaluation.evaluate(model, split[0].userItems(), split[1].userItems(), listeners, k, workers,
        threads, done -> {});
  }

  private static Interactions[] split(Random random, int users, int items, double density) {
    return split(random, users, items, density, 0);
  }

  /**
   * A random train/test pair over the same users and items: each pair in one of them or neither,
   * and a training pair also in the test with probability {@code overlap}.
   */
  private static Interactions[] split(Random random, int users, int items, double density, double overlap) {
    IdIndex.Builder userIds = new IdIndex.Builder("user");
    IdIndex.Builder itemIds = new IdIndex.Builder("item");
    for (int u = 0; u < users; u++) {
      userIds.intern("u" + u);
    }
    for (int i = 0; i < items; i++) {
      itemIds.intern("i" + i);
    }
    InteractionsBuilder train = new InteractionsBuilder(userIds, itemIds);
    InteractionsBuilder test = new InteractionsBuilder(userIds, itemIds);
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        if (random.nextDouble() < density) {
          boolean held = random.nextDouble() < 0.25;
          (held ? test : train).add("u" + u, "i" + i, 1 + random.nextInt(4));
          if (!held && random.nextDouble() < overlap) {
            test.add("u" + u, "i" + i, 1);
          }
        }
      }
    }
    return new Interactions[] {train.build(), test.build()};
  }

  private static FactorModel model(Interactions train, int factors, Random random, boolean coarse) {
    float[] users = new float[train.users().size() * factors];
    float[] items = new float[train.items().size() * factors];
    for (float[] side : new float[][] {users, items}) {
      for (int i = 0; i < side.length; i++) {
        side[i] = coarse ? random.nextInt(3) : (float) random.nextGaussian();
      }
    }
    return new FactorModel(train.users(), train.items(), factors, users, items, train.userItems(),
        AlsConfig.defaults().withFactors(factors));
  }

  /** The model behind the plain interface only, so the evaluator scores it user by user. */
  private static Recommender plain(FactorModel model) {
    return new Recommender() {
      @Override
      public IdIndex users() {
        return model.users();
      }

      @Override
      public IdIndex items() {
        return model.items();
      }

      @Override
      public Csr played() {
        return model.played();
      }

      @Override
      public void scoreAll(int user, float[] scores) {
        model.scoreAll(user, scores);
      }
    };
  }
}
