package dev.encore.content;

import dev.encore.data.Confidence;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a listener's plays sound like: for each scaled feature, the confidence-weighted mean and
 * spread (weighted standard deviation) over the tracks they played, and the confidence-weighted
 * share of their plays carrying each genre and mood tag. A track weighs {@code c = 1 + alpha f(r)}
 * as in ALS ({@link Confidence}), so a track played fifty times shapes the profile more than one
 * played once.
 *
 * <p>Missing values are skipped feature by feature, never read as zero: the mean of a feature is
 * over the played tracks that have it, and is NaN (unknown) when none has it. Immutable.
 */
public final class TasteProfile {
  private final List<String> featureNames;
  private final float[] mean;
  private final float[] spread;
  private final Map<String, Double> genreShares;
  private final Map<String, Double> moodShares;
  private final int describedTracks;

  private TasteProfile(List<String> featureNames, float[] mean, float[] spread, Map<String, Double> genreShares,
      Map<String, Double> moodShares, int describedTracks) {
    this.featureNames = featureNames;
    this.mean = mean;
    this.spread = spread;
    this.genreShares = genreShares;
    this.moodShares = moodShares;
    this.describedTracks = describedTracks;
  }

  /**
   * The profile of a listener who played {@code playedItems[from..to)} (dense item indices of
   * {@code features}) with the raw values {@code playValues[from..to)}. Items without features
   * and entries with value 0 (no preference) do not count.
   */
  public static TasteProfile of(ItemFeatures features, int[] playedItems, float[] playValues, int from, int to,
      Confidence confidence) {
    Objects.requireNonNull(confidence, "confidence");
    int width = features.featureCount();
    double[] weightSums = new double[width];
    double[] weightedSums = new double[width];
    double tagWeight = 0;
    Map<String, Double> genreWeights = new LinkedHashMap<>();
    Map<String, Double> moodWeights = new LinkedHashMap<>();
    int described = 0;
    for (int p = from; p < to; p++) {
      int item = playedItems[p];
      if (playValues[p] <= 0 || !features.isDescribed(item)) {
        continue;
      }
      double weight = confidence.confidence(playValues[p]);
      described++;
      tagWeight += weight;
      for (String genre : features.genres(item)) {
        genreWeights.merge(genre, weight, Double::sum);
      }
      for (String mood : features.moods(item)) {
        moodWeights.merge(mood, weight, Double::sum);
      }
      for (int f = 0; f < width; f++) {
        float value = features.value(item, f);
        if (!Float.isNaN(value)) {
          weightSums[f] += weight;
          weightedSums[f] += weight * value;
        }
      }
    }
    float[] mean = new float[width];
    for (int f = 0; f < width; f++) {
      mean[f] = weightSums[f] > 0 ? (float) (weightedSums[f] / weightSums[f]) : Float.NaN;
    }
    // A second pass for the spread: sum w (x - mean)^2 is exact where sum w x^2 - mean^2 cancels.
    double[] squaredDeviations = new double[width];
    for (int p = from; p < to; p++) {
      int item = playedItems[p];
      if (playValues[p] <= 0 || !features.isDescribed(item)) {
        continue;
      }
      double weight = confidence.confidence(playValues[p]);
      for (int f = 0; f < width; f++) {
        float value = features.value(item, f);
        if (!Float.isNaN(value)) {
          double deviation = value - mean[f];
          squaredDeviations[f] += weight * deviation * deviation;
        }
      }
    }
    float[] spread = new float[width];
    for (int f = 0; f < width; f++) {
      spread[f] = weightSums[f] > 0 ? (float) Math.sqrt(squaredDeviations[f] / weightSums[f]) : Float.NaN;
    }
    return new TasteProfile(features.featureNames(), mean, spread, shares(genreWeights, tagWeight),
        shares(moodWeights, tagWeight), described);
  }

  private static Map<String, Double> shares(Map<String, Double> weights, double total) {
    Map<String, Double> shares = new LinkedHashMap<>();
    weights.forEach((tag, weight) -> shares.put(tag, weight / total));
    return Collections.unmodifiableMap(shares);
  }

  public List<String> featureNames() {
    return featureNames;
  }

  /** The weighted mean of a scaled feature, NaN when no played track has it. */
  public float mean(int feature) {
    return mean[feature];
  }

  /** The weighted standard deviation of a scaled feature, NaN when no played track has it. */
  public float spread(int feature) {
    return spread[feature];
  }

  /** A copy of the means, in {@link #featureNames()} order. */
  public float[] means() {
    return mean.clone();
  }

  /** A copy of the spreads, in {@link #featureNames()} order. */
  public float[] spreads() {
    return spread.clone();
  }

  /** The weighted share (0..1) of the described plays tagged with each genre. */
  public Map<String, Double> genreShares() {
    return genreShares;
  }

  /** The weighted share (0..1) of the described plays tagged with each mood. */
  public Map<String, Double> moodShares() {
    return moodShares;
  }

  /** How many played tracks had features and counted; 0 means the profile knows nothing. */
  public int describedTracks() {
    return describedTracks;
  }

  public boolean isEmpty() {
    return describedTracks == 0;
  }

  @Override
  public String toString() {
    return "TasteProfile[" + describedTracks + " tracks, mean " + Arrays.toString(mean) + "]";
  }
}
