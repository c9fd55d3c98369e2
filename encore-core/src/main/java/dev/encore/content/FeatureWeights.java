package dev.encore.content;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How much each feature counts in a similarity: a weight per {@link FeatureGroup} times an
 * optional weight per feature (1 when not given). Weights act on robust z-scores, which already
 * put BPM, Hz and dB on one scale; these say how much each aspect of the sound should matter.
 * A weight of 0 leaves a feature out. Immutable and JSON-able.
 *
 * @param groups weight per group; a group not listed weighs 1
 * @param features extra factor per feature name; a feature not listed has factor 1
 */
public record FeatureWeights(Map<FeatureGroup, Float> groups, Map<String, Float> features) {

  public FeatureWeights {
    groups = groups.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(groups));
    features = Map.copyOf(features);
    groups.forEach((group, weight) -> check(group.name().toLowerCase(java.util.Locale.ROOT), weight));
    features.forEach(FeatureWeights::check);
  }

  /** Every feature weighs 1. */
  public static FeatureWeights equal() {
    return new FeatureWeights(Map.of(), Map.of());
  }

  /**
   * Encore's defaults for its standard vector: timbre, spectrum and energy as measured, rhythm a
   * little less (a tempo estimate is often off by a factor of two) and the emotion flags a little
   * more (a listener notices "calm" vs "energetic" first).
   */
  public static FeatureWeights defaults() {
    return new FeatureWeights(Map.of(FeatureGroup.RHYTHM, 0.75f, FeatureGroup.EMOTION, 1.5f), Map.of());
  }

  /** The same weights with {@code group} set to {@code weight}. */
  public FeatureWeights withGroup(FeatureGroup group, float weight) {
    Map<FeatureGroup, Float> changed = new EnumMap<>(FeatureGroup.class);
    changed.putAll(groups);
    changed.put(group, weight);
    return new FeatureWeights(changed, features);
  }

  /** The same weights with feature {@code name}'s own factor set to {@code weight}. */
  public FeatureWeights withFeature(String name, float weight) {
    Map<String, Float> changed = new java.util.HashMap<>(features);
    changed.put(name, weight);
    return new FeatureWeights(groups, changed);
  }

  /** The weight of one feature: its group's weight times its own factor. */
  public float weight(String featureName) {
    return groups.getOrDefault(FeatureGroup.of(featureName), 1f) * features.getOrDefault(featureName, 1f);
  }

  /** The weight of each of {@code featureNames}, in order. */
  public float[] resolve(List<String> featureNames) {
    float[] weights = new float[featureNames.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = weight(featureNames.get(i));
    }
    return weights;
  }

  private static void check(String name, Float weight) {
    Objects.requireNonNull(weight, name);
    if (!(weight >= 0) || Float.isInfinite(weight)) {
      throw new IllegalArgumentException("weight of '" + name + "' is " + weight + "; weights must be finite and >= 0");
    }
  }
}
