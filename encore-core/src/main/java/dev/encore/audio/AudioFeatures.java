package dev.encore.audio;

import dev.encore.content.StandardFeatures;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link AudioFeatureExtractor} measured in one recording: one value per name in
 * {@link #NAMES}, NaN for the emotion flags (which sound alone cannot tell), plus the
 * recording's length and sample rate.
 *
 * <p>{@link #NAMES} is {@link StandardFeatures#NAMES} followed by the extras: {@code mfcc6} to
 * {@code mfcc20}, the variance over frames of each frame-level feature ({@code mfcc1_var} to
 * {@code mfcc20_var}, {@code energy_var}, {@code spectral_centroid_var},
 * {@code spectral_rolloff_var}, {@code spectral_bandwidth_var}) and the zero-crossing rate with
 * its variance ({@code zero_crossing_rate}, {@code zero_crossing_rate_var}).
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

  private static List<String> names() {
    List<String> names = new ArrayList<>(StandardFeatures.NAMES);
    for (int c = 6; c <= MFCC_COUNT; c++) {
      names.add("mfcc" + c);
    }
    for (int c = 1; c <= MFCC_COUNT; c++) {
      names.add("mfcc" + c + "_var");
    }
    for (String frameLevel : List.of("energy", "spectral_centroid", "spectral_rolloff", "spectral_bandwidth")) {
      names.add(frameLevel + "_var");
    }
    names.add("zero_crossing_rate");
    names.add("zero_crossing_rate_var");
    return List.copyOf(names);
  }
}
