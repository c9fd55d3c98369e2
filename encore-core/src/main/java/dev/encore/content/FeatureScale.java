package dev.encore.content;

import java.util.Objects;

/**
 * How one feature is put on a common scale: optionally compressed by a logarithm (for
 * non-negative, heavily right-skewed features such as variances), then centred on the catalogue's
 * median and divided by a robust spread, so that one unit means "as different as typical tracks
 * are" whatever the feature's unit (BPM, Hz, dB).
 *
 * @param name the feature
 * @param logarithmic whether values pass through {@code ln(max(value, 0) + offset)} first
 * @param offset added before the logarithm so that zero stays finite; 0 when not logarithmic
 * @param center the median of the (transformed) values in the catalogue
 * @param spread the robust spread of the (transformed) values; > 0
 */
public record FeatureScale(String name, boolean logarithmic, float offset, float center, float spread) {

  public FeatureScale {
    Objects.requireNonNull(name, "feature name");
    if (!Float.isFinite(center) || !Float.isFinite(spread) || spread <= 0) {
      throw new IllegalArgumentException("feature '" + name + "' has center " + center + " and spread " + spread
          + "; both must be finite and the spread > 0");
    }
    if (logarithmic ? !(offset > 0 && Float.isFinite(offset)) : offset != 0) {
      throw new IllegalArgumentException("feature '" + name + "' has offset " + offset
          + "; a logarithmic scale needs a finite offset > 0, a linear one 0");
    }
  }

  /** The value before centring: the logarithm when {@link #logarithmic}, else the value itself. */
  float transform(float value) {
    return logarithmic ? (float) Math.log(Math.max(value, 0f) + offset) : value;
  }

  /** The robust z-score of {@code value}, clipped to {@code [-clip, clip]}; NaN stays NaN. */
  public float scale(float value, float clip) {
    if (Float.isNaN(value)) {
      return Float.NaN;
    }
    float z = (transform(value) - center) / spread;
    return Math.max(-clip, Math.min(clip, z));
  }
}
