package dev.encore.eval;

import dev.encore.data.Csr;
import dev.encore.linalg.Kernels;
import dev.encore.model.FactorModel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * {@link RankingEvaluator}'s numbers for a {@link FactorModel}, computed the way recommend-all
 * computes top lists: only the users with test items are scored, in blocks against tiles of the
 * items (so each item's factors are read once per block of users, not once per user), and the
 * percentile rank of every test item is counted tile by tile as the scores go by, by a vector
 * count of the candidates above it, instead of from a full score row per user.
 *
 * <p>The scores are the very floats {@link FactorModel#scoreAll} gives (one panel kernel), the
 * top lists break ties alike (lower index first) and each user's sums are added in the same
 * order and to the same thread share as the user-at-a-time path, so the report is the same,
 * number for number. A model whose score of some test item is not finite is left to that path,
 * which defines where NaN and infinities rank.
 */
final class FactorModelEvaluation {
  private static final int PROGRESS_EVERY = 256;

  private final FactorModel model;
  private final Csr train;
  private final Csr test;
  private final int[] itemListeners;
  private final int k;
  /**
   * Per test entry: the model's score of it, NaN for an entry that is also a training entry;
   * null when percentile ranks are not computed.
   */
  private final float[] testScores;
  /** Per test entry: the candidates ranked above it, counted tile by tile; null as testScores. */
  private final int[] above;

  private FactorModelEvaluation(FactorModel model, Csr train, Csr test, int[] itemListeners, int k,
      boolean percentileRanks) {
    this.model = model;
    this.train = train;
    this.test = test;
    this.itemListeners = itemListeners;
    this.k = k;
    this.testScores = percentileRanks ? new float[test.nnz()] : null;
    this.above = percentileRanks ? new int[test.nnz()] : null;
  }

  /**
   * The report, or null when a test item's score is not finite (the caller then evaluates user
   * by user); {@code workers} thread shares exactly as {@link RankingEvaluator} deals them.
   */
  static MetricReport evaluate(FactorModel model, Csr train, Csr test, int[] itemListeners, int k, int workers,
      int threads, LongConsumer progress) {
    FactorModelEvaluation evaluation = new FactorModelEvaluation(model, train, test, itemListeners, k, true);
    int[] users = evaluation.usersWithTests();
    if (!evaluation.scoreTestEntries(users)) {
      return null;
    }
    int[][] top = evaluation.rank(users, threads, progress);
    return evaluation.sums(users, top, workers).report();
  }

  /**
   * The same report without the percentile ranks (expected percentile rank NaN): only the top
   * lists are needed, and they come from the model's norm-ordered scan, which stops each user
   * once no item left can enter ({@link FactorModel#recommendAllScan(int[], int, Csr, int)}):
   * the same lists, from a few percent of the scores where the full ranks need all of them.
   * Null when a factor is not finite: the scan's norm bound means nothing then, and the caller
   * evaluates user by user.
   */
  static MetricReport evaluateTopLists(FactorModel model, Csr train, Csr test, int[] itemListeners, int k,
      int workers, int threads) {
    if (!allFinite(model.userFactors()) || !allFinite(model.itemFactors())) {
      return null;
    }
    FactorModelEvaluation evaluation = new FactorModelEvaluation(model, train, test, itemListeners, k, false);
    int[] users = evaluation.usersWithTests();
    int[][] top = model.recommendAllScan(users, k, train, threads).top();
    return evaluation.sums(users, top, workers).report();
  }

  private static boolean allFinite(float[] values) {
    for (float value : values) {
      if (!Float.isFinite(value)) {
        return false;
      }
    }
    return true;
  }

  private int[] usersWithTests() {
    int count = 0;
    for (int user = 0; user < test.rows(); user++) {
      count += test.rowLength(user) > 0 ? 1 : 0;
    }
    int[] users = new int[count];
    int next = 0;
    for (int user = 0; user < test.rows(); user++) {
      if (test.rowLength(user) > 0) {
        users[next++] = user;
      }
    }
    return users;
  }

  /** Fills {@link #testScores}; false if a candidate test item's score is NaN or infinite. */
  private boolean scoreTestEntries(int[] users) {
    int[] items = test.indices();
    for (int user : users) {
      int start = test.rowStart(user);
      int end = test.rowEnd(user);
      model.scoreItems(user, items, start, end, testScores);
      for (int p = start; p < end; p++) {
        if (train.find(user, items[p]) >= 0) {
          testScores[p] = Float.NaN;
        } else if (!Float.isFinite(testScores[p])) {
          return false;
        }
      }
    }
    return true;
  }

  private int[][] rank(int[] users, int threads, LongConsumer progress) {
    int itemCount = train.columns();
    int[] items = test.indices();
    Kernels kernels = Kernels.INSTANCE;
    AtomicLong done = new AtomicLong();
    int[][] top = model.recommendAll(users, k, threads, (user, first, count, tile) -> {
      FactorModel.excludeRowItems(train, user, first, count, tile);
      int last = first + count;
      for (int p = test.rowStart(user); p < test.rowEnd(user); p++) {
        float score = testScores[p];
        if (Float.isNaN(score)) {
          continue;
        }
        long counts = kernels.countAboveAndEqual(tile, 0, count, score);
        above[p] += (int) (counts >>> 32);
        int item = items[p];
        int self = item >= first && item < last ? 1 : 0;
        // An equal score ranks above when its item comes first; the test item equals itself.
        if ((int) counts > self) {
          for (int i = 0; i < Math.min(count, item - first); i++) {
            above[p] += tile[i] == score ? 1 : 0;
          }
        }
      }
      if (last == itemCount && done.incrementAndGet() % PROGRESS_EVERY == 0) {
        progress.accept(done.get());
      }
    });
    progress.accept(train.rows());
    return top;
  }

  private MetricSums sums(int[] users, int[][] top, int workers) {
    MetricSums[] shares = new MetricSums[workers];
    for (int share = 0; share < workers; share++) {
      shares[share] = new MetricSums(k, itemListeners, train.rows());
    }
    boolean[] hitAt = new boolean[k];
    int[] order = new int[0];
    int itemCount = train.columns();
    for (int q = 0; q < users.length; q++) {
      int user = users[q];
      MetricSums sums = shares[user % workers];
      int[] best = top[q];
      for (int i = 0; i < k; i++) {
        hitAt[i] = i < best.length && test.find(user, best[i]) >= 0;
        if (i < best.length) {
          sums.addRecommended(best[i]);
        }
      }
      int start = test.rowStart(user);
      int testItems = test.rowEnd(user) - start;
      sums.addRanking(hitAt, testItems);
      if (testScores == null) {
        continue;
      }
      if (order.length < testItems) {
        order = new int[testItems];
      }
      int ranked = rankedBestFirst(start, testItems, order);
      double span = Math.max(1, itemCount - train.rowLength(user) - 1);
      double weightedRanks = 0;
      double weights = 0;
      for (int j = 0; j < ranked; j++) {
        int p = order[j];
        double weight = test.values()[p];
        weightedRanks += weight * (above[p] / span);
        weights += weight;
      }
      sums.addPercentileRanks(weightedRanks, weights);
    }
    for (int share = 1; share < workers; share++) {
      shares[0].merge(shares[share]);
    }
    return shares[0];
  }

  /**
   * The user's ranked test entries (those not also trained on) into {@code order}, best first
   * (higher score, then lower item), the order {@link PercentileRanks} adds them in; how many.
   */
  private int rankedBestFirst(int start, int testItems, int[] order) {
    int[] items = test.indices();
    int count = 0;
    for (int p = start; p < start + testItems; p++) {
      if (Float.isNaN(testScores[p])) {
        continue;
      }
      int at = count++;
      while (at > 0 && better(p, order[at - 1], items)) {
        order[at] = order[at - 1];
        at--;
      }
      order[at] = p;
    }
    return count;
  }

  private boolean better(int p, int q, int[] items) {
    return testScores[p] > testScores[q] || (testScores[p] == testScores[q] && items[p] < items[q]);
  }
}
