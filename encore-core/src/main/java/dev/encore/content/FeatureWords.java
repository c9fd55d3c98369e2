package dev.encore.content;

import java.util.Map;

/**
 * Turns a feature that two tracks share into a listener's words: "both fast", "both calm",
 * "similar timbre". A feature says "both HIGH" or "both LOW" when both tracks sit clearly on the
 * same side of the catalogue's median, otherwise "similar NOUN"; features without everyday words
 * (MFCCs, chroma, variances) speak for their group.
 */
final class FeatureWords {
  /** Half a robust standard deviation from the median counts as "clearly" high or low. */
  private static final float CLEARLY = 0.5f;

  private record Words(String noun, String high, String low) {
  }

  private static final Map<String, Words> WORDS = Map.of(
      "tempo", new Words("tempo", "fast", "slow"),
      "beat_strength", new Words("beat", "strongly rhythmic", "gently rhythmic"),
      "energy", new Words("energy", "high-energy", "low-energy"),
      "loudness", new Words("loudness", "loud", "quiet"),
      "spectral_centroid", new Words("brightness", "bright", "dark"),
      "spectral_rolloff", new Words("brightness", "bright", "dark"),
      "spectral_bandwidth", new Words("fullness", "full-sounding", "thin-sounding"));

  private FeatureWords() {
  }

  /**
   * The words for feature {@code name} matching between two tracks, from their raw and scaled
   * values; null when a 0/1 emotion flag is not set on both (sharing an absence says little).
   */
  static String describe(String name, float raw, float otherRaw, float scaled, float otherScaled) {
    if (StandardFeatures.EMOTION_FLAGS.contains(name)) {
      return raw == 1f && otherRaw == 1f ? "both " + name : null;
    }
    Words words = WORDS.get(name);
    if (words == null) {
      return "similar " + FeatureGroup.of(name).words();
    }
    if (scaled > CLEARLY && otherScaled > CLEARLY) {
      return "both " + words.high();
    }
    if (scaled < -CLEARLY && otherScaled < -CLEARLY) {
      return "both " + words.low();
    }
    return "similar " + words.noun();
  }
}
