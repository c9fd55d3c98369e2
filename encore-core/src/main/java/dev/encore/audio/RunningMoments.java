package dev.encore.audio;

/**
 * The mean and population variance (numpy's {@code var}, as in GTZAN's {@code *_var} columns) of
 * a stream of values, by Welford's update, which stays accurate when the mean is large.
 */
final class RunningMoments {
  private long count;
  private double mean;
  private double squaredDeviations;

  void add(double value) {
    count++;
    double delta = value - mean;
    mean += delta / count;
    squaredDeviations += delta * (value - mean);
  }

  long count() {
    return count;
  }

  /** The mean; 0 when nothing was added. */
  double mean() {
    return mean;
  }

  /** The population variance; 0 with fewer than two values. */
  double variance() {
    return count < 2 ? 0 : Math.max(0, squaredDeviations / count);
  }
}
