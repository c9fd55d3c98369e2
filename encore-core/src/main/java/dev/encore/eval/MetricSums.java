package dev.encore.eval;

import java.io.Serializable;
import java.util.BitSet;

/**
 * The running sums behind a {@link MetricReport} for one share of the users (a thread's, or a
 * Spark block's), filled by {@link UserRanker}. Partial sums are merged in a fixed order, so a
 * given thread count or partitioning always gives the same doubles. Serializable so that Spark
 * executors can send theirs to the driver.
 * The per-user arithmetic mirrors implicit's {@code ranking_metrics_at_k} line by line.
 */
public final class MetricSums implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int k;
  private final int itemCount;
  /** {@code 1 / log2(i + 2)} for positions i < k. */
  private final double[] discount;
  /** Running sums of {@link #discount}: the ideal DCG for 1..k relevant items. */
  private final double[] idealDcg;
  private final BitSet recommended;

  private long users;
  private double relevant;
  private double precisionDivisor;
  private double averagePrecision;
  private double ndcg;
  private double auc;
  private double recall;
  private long usersWithHit;
  private double weightedPercentileRank;
  private double percentileWeight;

  /** Empty sums at cut-off {@code k} over a catalogue of {@code itemCount} items. */
  public MetricSums(int k, int itemCount) {
    this.k = k;
    this.itemCount = itemCount;
    this.discount = new double[k];
    this.idealDcg = new double[k];
    double cumulative = 0;
    for (int i = 0; i < k; i++) {
      discount[i] = 1.0 / (Math.log(i + 2) / Math.log(2));
      cumulative += discount[i];
      idealDcg[i] = cumulative;
    }
    this.recommended = new BitSet(itemCount);
  }

  /**
   * Adds one user's top k: {@code hitAt[i]} tells whether position i held a test item (positions
   * past the end of a short list are misses), {@code testItems} is how many test items they have.
   */
  void addRanking(boolean[] hitAt, int testItems) {
    double cutoff = Math.min(k, testItems);
    double ideal = idealDcg[(int) cutoff - 1];
    double positives = testItems;
    double negatives = itemCount - positives;
    double hits = 0;
    double misses = 0;
    double precisionSum = 0;
    double userAuc = 0;
    double userNdcg = 0;
    for (int i = 0; i < k; i++) {
      if (hitAt[i]) {
        hits += 1;
        precisionSum += hits / (i + 1);
        userNdcg += discount[i] / ideal;
      } else {
        misses += 1;
        userAuc += hits;
      }
    }
    userAuc += ((hits + positives) / 2.0) * (negatives - misses);

    users++;
    relevant += hits;
    precisionDivisor += cutoff;
    averagePrecision += precisionSum / cutoff;
    ndcg += userNdcg;
    // implicit divides 0 by 0 for a user whose test set is every item; with no negatives to
    // misrank, such a user's AUC is taken as perfect instead of poisoning the mean with NaN.
    auc += negatives > 0 ? userAuc / (positives * negatives) : 1.0;
    recall += hits / testItems;
    if (hits > 0) {
      usersWithHit++;
    }
  }

  /** Marks an item as shown in some user's top k, for catalogue coverage. */
  void addRecommended(int item) {
    recommended.set(item);
  }

  /** Adds one user's {@code sum r_ui * rank_ui} and {@code sum r_ui} over their test items. */
  void addPercentileRanks(double weightedRanks, double weights) {
    weightedPercentileRank += weightedRanks;
    percentileWeight += weights;
  }

  /** Adds another thread's sums into this one. */
  public void merge(MetricSums other) {
    users += other.users;
    relevant += other.relevant;
    precisionDivisor += other.precisionDivisor;
    averagePrecision += other.averagePrecision;
    ndcg += other.ndcg;
    auc += other.auc;
    recall += other.recall;
    usersWithHit += other.usersWithHit;
    weightedPercentileRank += other.weightedPercentileRank;
    percentileWeight += other.percentileWeight;
    recommended.or(other.recommended);
  }

  /** The metrics; throws if no user had a test item. */
  public MetricReport report() {
    if (users == 0) {
      throw new IllegalArgumentException("no user has a test item: nothing to evaluate");
    }
    return new MetricReport(k, users,
        relevant / precisionDivisor,
        recall / users,
        averagePrecision / users,
        ndcg / users,
        auc / users,
        (double) usersWithHit / users,
        percentileWeight > 0 ? weightedPercentileRank / percentileWeight : Double.NaN,
        itemCount == 0 ? 0 : (double) recommended.cardinality() / itemCount);
  }
}
