package dev.encore.als;

import dev.encore.data.Confidence;

/**
 * The confidence c = 1 + alpha * f(r) of every stored entry of a matrix. Linear confidence is
 * computed when asked, one multiply-add, so training keeps no second array the size of the
 * data; the other shapes (a logarithm, a comparison) are computed once into an array.
 */
public final class EntryConfidences {
  private final float[] values;
  private final float alpha;
  private final float[] precomputed;

  private EntryConfidences(float[] values, float alpha, float[] precomputed) {
    this.values = values;
    this.alpha = alpha;
    this.precomputed = precomputed;
  }

  /** Confidences for {@code values} (a matrix's stored values, which must stay unchanged). */
  public static EntryConfidences of(Confidence confidence, float[] values) {
    if (confidence.function() == Confidence.Function.LINEAR) {
      return new EntryConfidences(values, confidence.alpha(), null);
    }
    float[] computed = new float[values.length];
    for (int p = 0; p < values.length; p++) {
      computed[p] = confidence.confidence(values[p]);
    }
    return new EntryConfidences(values, confidence.alpha(), computed);
  }

  /** The confidence of entry {@code p}; for linear, exactly {@link Confidence#confidence}'s 1 + alpha * r. */
  public float at(int p) {
    return precomputed != null ? precomputed[p] : 1f + alpha * values[p];
  }
}
