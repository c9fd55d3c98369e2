package dev.encore.eval;

import java.util.Arrays;

/**
 * The percentile rank of each test item in one user's full ranking of candidate items (Hu, Koren
 * and Volinsky 2008, section 6): the share of the other candidates ranked above it, 0 at the top,
 * 1 at the bottom. Candidates are the items the user did not train on. The ranking is TopK's:
 * higher score first, equal scores to the lower index, NaN last.
 *
 * <p>Each item becomes one long key that orders exactly like that ranking, the test keys are
 * sorted, and each candidate is placed among them by binary search: O(items log t + t log t) for t
 * test items, instead of a pass over all items per test item. Reusable scratch; not thread-safe.
 */
final class PercentileRanks {
  private long[] testKeys = new long[16];
  private long[] beatenBelow = new long[17];
  private double weightedRanks;
  private double weights;

  /**
   * Ranks one user's test items. {@code trainItems[trainStart..trainEnd)} and
   * {@code testItems[testStart..testEnd)} are sorted item indices; test items that were also
   * trained on are not candidates and are left out.
   */
  void measure(float[] scores, int[] trainItems, int trainStart, int trainEnd,
      int[] testItems, float[] testValues, int testStart, int testEnd) {
    weightedRanks = 0;
    weights = 0;
    int count = gatherTestKeys(scores, trainItems, trainStart, trainEnd, testItems, testStart, testEnd);
    if (count == 0) {
      return;
    }
    Arrays.sort(testKeys, 0, count);
    countCandidatesAbove(scores, trainItems, trainStart, trainEnd, count);
    int candidates = scores.length - (trainEnd - trainStart);
    double span = Math.max(1, candidates - 1);
    long above = 0;
    for (int j = count - 1; j >= 0; j--) {
      above += beatenBelow[j + 1];
      int item = itemOf(testKeys[j]);
      double weight = testValues[Arrays.binarySearch(testItems, testStart, testEnd, item)];
      weightedRanks += weight * (above / span);
      weights += weight;
    }
  }

  /** {@code sum r_ui * rank_ui} over the last measured user's ranked test items. */
  double weightedRanks() {
    return weightedRanks;
  }

  /** {@code sum r_ui} over the last measured user's ranked test items. */
  double weights() {
    return weights;
  }

  private int gatherTestKeys(float[] scores, int[] trainItems, int trainStart, int trainEnd,
      int[] testItems, int testStart, int testEnd) {
    if (testKeys.length < testEnd - testStart) {
      testKeys = new long[testEnd - testStart];
      beatenBelow = new long[testEnd - testStart + 1];
    }
    int count = 0;
    int train = trainStart;
    for (int p = testStart; p < testEnd; p++) {
      int item = testItems[p];
      while (train < trainEnd && trainItems[train] < item) {
        train++;
      }
      if (train < trainEnd && trainItems[train] == item) {
        continue;
      }
      testKeys[count++] = key(scores[item], item);
    }
    return count;
  }

  /**
   * Leaves in {@code beatenBelow[p]} the number of candidates that rank above exactly the
   * {@code p} worst test items, so a suffix sum gives how many candidates rank above each one.
   */
  private void countCandidatesAbove(float[] scores, int[] trainItems, int trainStart, int trainEnd,
      int count) {
    Arrays.fill(beatenBelow, 0, count + 1, 0L);
    long worstTest = testKeys[0];
    int train = trainStart;
    for (int item = 0; item < scores.length; item++) {
      if (train < trainEnd && trainItems[train] == item) {
        train++;
        continue;
      }
      long candidate = key(scores[item], item);
      if (candidate <= worstTest) {
        continue;
      }
      int position = Arrays.binarySearch(testKeys, 0, count, candidate);
      int below = position >= 0 ? position : -position - 1;
      beatenBelow[below]++;
    }
  }

  /**
   * A key that is larger exactly when the item ranks higher: the score's bits made orderable as
   * a signed int in the high half (NaN lowest, -0 folded into 0 as TopK's {@code ==} does), and
   * {@code MAX_VALUE - index} in the low half so that ties go to the lower index.
   */
  static long key(float score, int item) {
    int orderable;
    if (Float.isNaN(score)) {
      orderable = Integer.MIN_VALUE;
    } else {
      int bits = Float.floatToIntBits(score + 0.0f);
      orderable = bits < 0 ? bits ^ Integer.MAX_VALUE : bits;
    }
    return ((long) orderable << 32) | (Integer.MAX_VALUE - item);
  }

  private static int itemOf(long key) {
    return Integer.MAX_VALUE - (int) key;
  }
}
