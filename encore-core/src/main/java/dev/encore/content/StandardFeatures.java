package dev.encore.content;

import java.util.ArrayList;
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

  /**
   * {@code names} in the order Encore lays features out: the standard ones among them in
   * {@link #NAMES} order, then the others in the order given.
   */
  public static List<String> standardFirst(List<String> names) {
    List<String> ordered = new ArrayList<>(names.size());
    for (String standard : NAMES) {
      if (names.contains(standard)) {
        ordered.add(standard);
      }
    }
    for (String name : names) {
      if (!NAMES.contains(name)) {
        ordered.add(name);
      }
    }
    return ordered;
  }
}
