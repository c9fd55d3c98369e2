package dev.encore.eval;

import dev.encore.data.Csr;

/**
 * Adds one user at a time to a {@link MetricSums}: the top k of their scores skipping what they
 * trained on, which of those are test items, and the percentile rank of each test item. The one
 * definition of the per-user metrics: {@link RankingEvaluator} runs it over a whole model, the
 * Spark job runs it inside each executor over a block of users. Holds its scratch (heap, ranks);
 * not thread-safe, one per thread.
 */
public final class UserRanker {
  private final int k;
  private final TopKSelector topK;
  private final int[] topItems;
  private final boolean[] hitAt;
  private final PercentileRanks percentileRanks = new PercentileRanks();

  /** A ranker at cut-off {@code k} over a catalogue of {@code itemCount} items. */
  public UserRanker(int k, int itemCount) {
    Arguments.requireAtLeastOne("k", k);
    this.k = k;
    this.topK = new TopKSelector(Math.min(k, itemCount));
    this.topItems = new int[k];
    this.hitAt = new boolean[k];
  }

  /**
   * Adds row {@code trainRow} of {@code train} and row {@code testRow} of {@code test} (columns are
   * item indices into {@code scores}) to {@code sums}; a user without test items adds nothing.
   */
  public void add(float[] scores, Csr train, int trainRow, Csr test, int testRow, MetricSums sums) {
    if (test.rowLength(testRow) == 0) {
      return;
    }
    int[] trainItems = train.indices();
    int found = topK.select(scores, trainItems, train.rowStart(trainRow), train.rowEnd(trainRow), topItems);
    for (int i = 0; i < k; i++) {
      hitAt[i] = i < found && test.find(testRow, topItems[i]) >= 0;
      if (i < found) {
        sums.addRecommended(topItems[i]);
      }
    }
    sums.addRanking(hitAt, test.rowLength(testRow));
    percentileRanks.measure(scores, trainItems, train.rowStart(trainRow), train.rowEnd(trainRow),
        test.indices(), test.values(), test.rowStart(testRow), test.rowEnd(testRow));
    sums.addPercentileRanks(percentileRanks.weightedRanks(), percentileRanks.weights());
  }
}
