package dev.encore.content;

import java.util.List;

/**
 * The names and order of Encore's standard audio feature vector. Sources that know more
 * (MFCC 6-20, variances, chroma...) keep their extra features under their own names after these.
 */
public final class StandardFeatures {
  /** MFCC 1-5, rhythm, energy, spectrum, then the 0/1 emotion flags. */
  public static final List<String> NAMES = List.of(
      "mfcc1", "mfcc2", "mfcc3", "mfcc4", "mfcc5",
      "tempo", "beat_strength", "energy", "loudness",
      "spectral_centroid", "spectral_rolloff", "spectral_bandwidth",
      "happy", "sad", "energetic", "calm");

  /** The emotion flags, which are 0 or 1 when present. */
  public static final List<String> EMOTION_FLAGS = NAMES.subList(12, 16);

  private StandardFeatures() {
  }
}
