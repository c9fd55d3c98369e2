package dev.encore.audio;

import dev.encore.content.StandardFeatures;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link AudioFeatureExtractor} measured in one recording: one value per name in
 * {@link #NAMES}, NaN for the emotion flags (which sound alone cannot tell), plus the
 * recording's length and sample rate.
 *
 * <p>{@link #NAMES} is {@link StandardFeatures#NAMES} followed by the extras, named as the
 * matching columns of GTZAN's features file so extracted tracks and GTZAN tracks share them:
 * {@code mfcc6_mean} to {@code mfcc20_mean}, the variances over frames {@code mfcc1_var} to
 * {@code mfcc20_var}, {@code rms_var}, {@code spectral_centroid_var},
 * {@code spectral_bandwidth_var}, {@code rolloff_var}, and the zero-crossing rate
 * {@code zero_crossing_rate_mean} with {@code zero_crossing_rate_var}.
 */
public record AudioFeatures(double durationSeconds, float sampleRate, float[] values) {
  /** MFCC coefficients computed per frame; the first five are standard features. */
  public static final int MFCC_COUNT = 20;
  public static final List<String> NAMES = names();

  public AudioFeatures {
    if (values.length != NAMES.size()) {
      throw new IllegalArgumentException(values.length + " values for " + NAMES.size() + " features " + NAMES);
    }
    values = values.clone();
  }

  /** A copy, in {@link #NAMES} order. */
  @Override
  public float[] values() {
    return values.clone();
  }

  /** The named value, e.g. {@code value("tempo")}. */
  public float value(String name) {
    int index = NAMES.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no feature '" + name + "'; the features are " + NAMES);
    }
    return values[index];
  }

  /** The name of MFCC {@code coefficient}'s mean (1-based): {@code mfcc1}..{@code mfcc5}, then {@code mfcc6_mean}... */
  public static String mfccMeanName(int coefficient) {
    return coefficient <= 5 ? "mfcc" + coefficient : "mfcc" + coefficient + "_mean";
  }

  private static List<String> names() {
    List<String> names = new ArrayList<>(StandardFeatures.NAMES);
    for (int c = 6; c <= MFCC_COUNT; c++) {
      names.add(mfccMeanName(c));
    }
    for (int c = 1; c <= MFCC_COUNT; c++) {
      names.add("mfcc" + c + "_var");
    }
    names.addAll(List.of("rms_var", "spectral_centroid_var", "spectral_bandwidth_var", "rolloff_var",
        "zero_crossing_rate_mean", "zero_crossing_rate_var"));
    return List.copyOf(names);
  }
}
