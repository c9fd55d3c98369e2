package dev.encore.model;

/**
 * One listener's question in a batch for {@link FactorModel#recommendBatch}: their factor vector
 * (a trained row or a fold-in), the dense indices of what they played (skipped when
 * {@code options} filter played items), how many tracks to return, and the options.
 */
public record RecommendQuery(float[] vector, int[] playedItems, int n, RecommendOptions options) {

  public RecommendQuery {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
  }
}
