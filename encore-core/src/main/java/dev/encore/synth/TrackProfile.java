package dev.encore.synth;

import dev.encore.content.StandardFeatures;
import java.util.List;

/**
 * One synthetic track's content: its genre, its mood and its audio features in the order of
 * {@link #FEATURE_NAMES}. The emotion flags (happy, sad, energetic, calm) are 0 or 1.
 */
public record TrackProfile(String trackId, String genre, String mood, float[] features) {

  public static final List<String> FEATURE_NAMES = StandardFeatures.NAMES;

  public TrackProfile {
    if (features.length != FEATURE_NAMES.size()) {
      throw new IllegalArgumentException("track " + trackId + " has " + features.length + " features, want "
          + FEATURE_NAMES.size());
    }
    features = features.clone();
  }

  /** A copy: the profile stays immutable. */
  @Override
  public float[] features() {
    return features.clone();
  }

  /** The named feature, e.g. {@code feature("tempo")}. */
  public float feature(String name) {
    int index = FEATURE_NAMES.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no feature '" + name + "'; features are " + FEATURE_NAMES);
    }
    return features[index];
  }
}
