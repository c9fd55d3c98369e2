package dev.encore.hybrid;

import java.util.Arrays;
import java.util.Locale;

/**
 * How one source's scores are put on a common scale before they are blended. ALS scores are dot
 * products near 0..1, content scores closeness in 0..2 and popularity a listener count in the
 * thousands: added raw, whichever has the widest range would decide alone and a weight would mean
 * nothing. Both normalisations are computed over the listener's candidates (the tracks they have
 * not played), the set the blend actually ranks, so a listener's played favourites do not stretch
 * the scale; the same map is then applied to every item, played ones included.
 *
 * <p>Non-finite scores (a track without features has no content score) map to 0, the candidates'
 * average under both normalisations: an unknown opinion neither lifts nor sinks the track.
 */
public enum ScoreNormalization {
  /**
   * {@code (s - mean) / sd} over the candidates. Keeps how decisively a source prefers its top
   * tracks, which is what a weight should scale; the default.
   */
  Z_SCORE,
  /**
   * The candidates' mid-rank quantile q in (0, 1) mapped to {@code (q - 1/2) * sqrt(12)}, which has
   * mean 0 and variance 1 like a z-score, so the same weights mean about the same under both.
   * Immune to heavy tails (a Zipf popularity's top track is many standard deviations out) at the
   * price of forgetting how far apart scores are.
   */
  RANK;

  private static final double UNIT_VARIANCE = Math.sqrt(12);

  public static ScoreNormalization parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("normalization '" + name + "' is not one of z-score, rank");
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Normalises {@code scores[0..count)} in place. Items set in {@code notCandidates} (sorted dense
   * indices in {@code [from, to)}, the listener's played tracks) do not shape the scale.
   */
  public void apply(float[] scores, int count, int[] notCandidates, int from, int to) {
    switch (this) {
      case Z_SCORE -> zScore(scores, count, notCandidates, from, to);
      case RANK -> rank(scores, count, notCandidates, from, to);
      default -> throw new AssertionError(this);
    }
  }

  private static void zScore(float[] scores, int count, int[] notCandidates, int from, int to) {
    double sum = 0;
    double sumSquares = 0;
    long candidates = 0;
    int next = from;
    for (int item = 0; item < count; item++) {
      if (next < to && notCandidates[next] == item) {
        next++;
        continue;
      }
      float score = scores[item];
      if (Float.isFinite(score)) {
        sum += score;
        candidates++;
      }
    }
    double mean = candidates > 0 ? sum / candidates : 0;
    next = from;
    for (int item = 0; item < count; item++) {
      if (next < to && notCandidates[next] == item) {
        next++;
        continue;
      }
      float score = scores[item];
      if (Float.isFinite(score)) {
        double deviation = score - mean;
        sumSquares += deviation * deviation;
      }
    }
    double sd = candidates > 0 ? Math.sqrt(sumSquares / candidates) : 0;
    for (int item = 0; item < count; item++) {
      float score = scores[item];
      scores[item] = Float.isFinite(score) && sd > 0 ? (float) ((score - mean) / sd) : 0f;
    }
  }

  private static void rank(float[] scores, int count, int[] notCandidates, int from, int to) {
    float[] sorted = new float[count];
    int candidates = 0;
    int next = from;
    for (int item = 0; item < count; item++) {
      if (next < to && notCandidates[next] == item) {
        next++;
        continue;
      }
      if (Float.isFinite(scores[item])) {
        sorted[candidates++] = scores[item];
      }
    }
    Arrays.sort(sorted, 0, candidates);
    for (int item = 0; item < count; item++) {
      float score = scores[item];
      if (!Float.isFinite(score) || candidates < 2) {
        scores[item] = 0f;
        continue;
      }
      int below = lowerBound(sorted, candidates, score);
      int atOrBelow = upperBound(sorted, candidates, score);
      double quantile = (below + atOrBelow) / (2.0 * candidates);
      scores[item] = (float) ((quantile - 0.5) * UNIT_VARIANCE);
    }
  }

  /** The number of values in {@code sorted[0..size)} strictly below {@code value}. */
  private static int lowerBound(float[] sorted, int size, float value) {
    int low = 0;
    int high = size;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid] < value) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** The number of values in {@code sorted[0..size)} at or below {@code value}. */
  private static int upperBound(float[] sorted, int size, float value) {
    int low = 0;
    int high = size;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid] <= value) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
