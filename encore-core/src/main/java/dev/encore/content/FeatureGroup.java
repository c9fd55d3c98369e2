package dev.encore.content;

import java.util.Locale;

/**
 * What part of the sound a feature describes. Weights are set per group so that a group's share
 * of a similarity does not depend on how many features a source happens to give for it (GTZAN has
 * 40 MFCC columns and one tempo). A feature's group follows from its name: Encore's standard names
 * and the usual prefixes of extra features (MFCC 6-20 and variances, chroma, zero-crossing rate...).
 */
public enum FeatureGroup {
  /** MFCCs: the colour of the sound. */
  TIMBRE("timbre"),
  /** Tempo, beat strength and the percussive part of the signal. */
  RHYTHM("rhythm"),
  /** Energy, loudness, RMS. */
  ENERGY("energy"),
  /** Spectral centroid, rolloff, bandwidth, flatness, contrast, zero-crossing rate. */
  SPECTRUM("brightness"),
  /** The emotion flags happy, sad, energetic, calm. */
  EMOTION("mood"),
  /** Chroma, tonnetz and the harmonic part of the signal: pitch content and tonality. */
  HARMONY("harmony"),
  /** Anything not recognised by name. */
  OTHER("sound");

  private final String words;

  FeatureGroup(String words) {
    this.words = words;
  }

  /** How a listener would name this aspect of a track, e.g. "timbre" or "brightness". */
  public String words() {
    return words;
  }

  /** The group of a feature, from its name (case-insensitive). */
  public static FeatureGroup of(String featureName) {
    String name = featureName.toLowerCase(Locale.ROOT);
    if (StandardFeatures.EMOTION_FLAGS.contains(name)) {
      return EMOTION;
    }
    if (name.startsWith("mfcc")) {
      return TIMBRE;
    }
    if (name.startsWith("tempo") || name.startsWith("beat") || name.startsWith("onset")
        || name.startsWith("perceptr") || name.startsWith("percuss")) {
      return RHYTHM;
    }
    if (name.startsWith("energy") || name.startsWith("loudness") || name.startsWith("rms")) {
      return ENERGY;
    }
    if (name.startsWith("spectral") || name.startsWith("rolloff") || name.startsWith("zero_crossing")
        || name.startsWith("zcr")) {
      return SPECTRUM;
    }
    if (name.startsWith("chroma") || name.startsWith("tonnetz") || name.startsWith("harmon")) {
      return HARMONY;
    }
    return OTHER;
  }
}
