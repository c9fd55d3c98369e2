package dev.encore.eval;

import java.io.Serializable;
import java.util.Arrays;

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
  /** How many evaluated users' top k held each item. */
  private final long[] exposure;
  /** {@code log2((users + 1) / (plays_i + 1))} of each item in training, or null when not known. */
  private final double[] selfInformation;

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

  /** Empty sums at cut-off {@code k} over a catalogue of {@code itemCount} items; novelty is NaN. */
  public MetricSums(int k, int itemCount) {
    this(k, itemCount, null);
  }

  /**
   * Empty sums at cut-off {@code k} whose novelty uses each item's listener count in training,
   * {@code itemListeners[i]} of {@code users}.
   */
  public MetricSums(int k, int[] itemListeners, long users) {
    this(k, itemListeners.length, selfInformation(itemListeners, users));
  }

  private MetricSums(int k, int itemCount, double[] selfInformation) {
    this.k = k;
    this.itemCount = itemCount;
    this.selfInformation = selfInformation;
    this.discount = new double[k];
    this.idealDcg = new double[k];
    double cumulative = 0;
    for (int i = 0; i < k; i++) {
      discount[i] = 1.0 / (Math.log(i + 2) / Math.log(2));
      cumulative += discount[i];
      idealDcg[i] = cumulative;
    }
    this.exposure = new long[itemCount];
  }

  /**
   * An item's surprisal as a recommendation, {@code -log2 p} with p its share of training
   * listeners (Zhou et al. 2010, "Solving the apparent diversity-accuracy dilemma"), add-one
   * smoothed so that an item nobody trained on is finite.
   */
  private static double[] selfInformation(int[] itemListeners, long users) {
    double[] information = new double[itemListeners.length];
    for (int i = 0; i < itemListeners.length; i++) {
      information[i] = Math.log((users + 1.0) / (itemListeners[i] + 1.0)) / Math.log(2);
    }
    return information;
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

  /** Counts an item shown in a user's top k, for coverage, the Gini of exposure and novelty. */
  void addRecommended(int item) {
    exposure[item]++;
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
    for (int i = 0; i < exposure.length; i++) {
      exposure[i] += other.exposure[i];
    }
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
        coverage(), giniOfExposure(), novelty());
  }

  private double coverage() {
    long shown = Arrays.stream(exposure).filter(count -> count > 0).count();
    return itemCount == 0 ? 0 : (double) shown / itemCount;
  }

  /**
   * The Gini coefficient of how often each catalogue item was recommended: 0 when every item is
   * shown equally often, near 1 when a few items fill every list. Items never shown count as 0.
   */
  private double giniOfExposure() {
    long[] sorted = exposure.clone();
    Arrays.sort(sorted);
    double total = 0;
    double weighted = 0;
    int n = sorted.length;
    for (int i = 0; i < n; i++) {
      total += sorted[i];
      weighted += (2.0 * (i + 1) - n - 1) * sorted[i];
    }
    return total == 0 ? 0 : weighted / (n * total);
  }

  /** The mean self-information of the recommended items, in bits; NaN without training counts. */
  private double novelty() {
    if (selfInformation == null) {
      return Double.NaN;
    }
    double sum = 0;
    long shown = 0;
    for (int i = 0; i < exposure.length; i++) {
      sum += exposure[i] * selfInformation[i];
      shown += exposure[i];
    }
    return shown == 0 ? 0 : sum / shown;
  }
}
