package dev.encore.content;

/**
 * One feature's part in a content similarity.
 *
 * @param feature the feature's name
 * @param group its group
 * @param contribution its additive part of the feature cosine (the parts sum to it)
 * @param value the first track's raw value
 * @param otherValue the second track's raw value
 * @param words how a listener would say it, e.g. "both fast" or "similar timbre"
 */
public record FeatureMatch(String feature, FeatureGroup group, double contribution, float value, float otherValue,
    String words) {
}
