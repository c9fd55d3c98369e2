package dev.encore.tune;

import dev.encore.data.Interactions;
import java.util.Arrays;

/**
 * What the play counts look like, for {@link AutoSettings}'s first guesses: whether every count
 * is the same (the data is binary, as MovieLens ratings turned into "watched" are), and how
 * heavy the tail is (Last.fm's per-artist counts run from 1 to over 300,000 with a median of 260).
 */
record PlayStatistics(int users, int items, int entries, double median, double p99, boolean allEqual,
    double meanUserEntries) {
  /** At or above this p99 / median ratio, counts are heavy-tailed and get a log confidence. */
  static final double HEAVY_TAIL_RATIO = 20;

  static PlayStatistics of(Interactions plays) {
    float[] values = plays.userItems().values().clone();
    Arrays.sort(values);
    int n = values.length;
    double median = n == 0 ? 0 : values[n / 2];
    double p99 = n == 0 ? 0 : values[Math.min(n - 1, (int) (0.99 * n))];
    boolean allEqual = n == 0 || values[0] == values[n - 1];
    int users = plays.users().size();
    return new PlayStatistics(users, plays.items().size(), n, median, p99, allEqual,
        users == 0 ? 0 : (double) n / users);
  }

  boolean heavyTailed() {
    return median > 0 && p99 / median >= HEAVY_TAIL_RATIO;
  }

  double tailRatio() {
    return median > 0 ? p99 / median : Double.NaN;
  }
}
