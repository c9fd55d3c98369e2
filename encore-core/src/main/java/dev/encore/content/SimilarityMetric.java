package dev.encore.content;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The space in which scaled features are compared: a linear map {@code L} (features x dimensions)
 * so that the similarity of scaled rows x and y is the cosine of {@code L'x} and {@code L'y}, that
 * is {@code x'My / sqrt(x'Mx y'My)} with {@code M = LL'}. A diagonal {@code L} with entries
 * {@code sqrt(w_f)} is plain weighted cosine; a full one is a learned metric that can also undo
 * correlations between features. Immutable.
 *
 * @param featureNames the features of the scaled rows, in order
 * @param dimensions columns of {@code L}; equals the feature count when diagonal
 * @param matrix {@code L} row-major (features x dimensions), or only its diagonal when {@code diagonal}
 * @param diagonal whether {@code L} is diagonal
 */
public record SimilarityMetric(List<String> featureNames, int dimensions, float[] matrix, boolean diagonal) {
  private static final int FORMAT_VERSION = 1;
  /** More features than any audio source gives; a larger count in a file means damage. */
  private static final int MAX_FEATURES = 100_000;

  public SimilarityMetric {
    featureNames = List.copyOf(featureNames);
    int features = featureNames.size();
    int expected = diagonal ? features : features * dimensions;
    if (diagonal && dimensions != features) {
      throw new IllegalArgumentException("a diagonal metric has as many dimensions as features (" + features + ")");
    }
    if (dimensions < 1 || matrix.length != expected) {
      throw new IllegalArgumentException("metric over " + features + " features with " + dimensions
          + " dimensions needs " + expected + " entries, got " + matrix.length);
    }
    for (float entry : matrix) {
      if (!Float.isFinite(entry)) {
        throw new IllegalArgumentException("metric entries must be finite, got " + entry);
      }
    }
    matrix = matrix.clone();
  }

  /** Weighted cosine with {@code weights[f]} (>= 0) on feature f. */
  public static SimilarityMetric weighted(List<String> featureNames, float[] weights) {
    float[] roots = new float[weights.length];
    for (int f = 0; f < weights.length; f++) {
      if (!(weights[f] >= 0) || Float.isInfinite(weights[f])) {
        throw new IllegalArgumentException("weight of '" + featureNames.get(f) + "' is " + weights[f]
            + "; weights must be finite and >= 0");
      }
      roots[f] = (float) Math.sqrt(weights[f]);
    }
    return new SimilarityMetric(featureNames, weights.length, roots, true);
  }

  /** Weighted cosine with the given feature weights. */
  public static SimilarityMetric weighted(List<String> featureNames, FeatureWeights weights) {
    return weighted(featureNames, weights.resolve(featureNames));
  }

  /** A full linear map, {@code matrix} row-major features x dimensions. */
  public static SimilarityMetric linear(List<String> featureNames, int dimensions, float[] matrix) {
    return new SimilarityMetric(featureNames, dimensions, matrix, false);
  }

  /** Writes this metric in a small versioned binary form (big-endian, names as modified UTF-8). */
  public void writeTo(java.io.DataOutput out) throws java.io.IOException {
    out.writeInt(FORMAT_VERSION);
    out.writeInt(featureNames.size());
    for (String name : featureNames) {
      out.writeUTF(name);
    }
    out.writeInt(dimensions);
    out.writeBoolean(diagonal);
    for (float entry : matrix) {
      out.writeFloat(entry);
    }
  }

  /** Reads what {@link #writeTo} wrote; damaged or foreign input is an IOException saying why. */
  public static SimilarityMetric readFrom(java.io.DataInput in) throws java.io.IOException {
    int version = in.readInt();
    if (version != FORMAT_VERSION) {
      throw new java.io.IOException("similarity metric format version " + version + ", this Encore reads "
          + FORMAT_VERSION);
    }
    int features = in.readInt();
    if (features < 0 || features > MAX_FEATURES) {
      throw new java.io.IOException("similarity metric claims " + features + " features; the data is corrupt");
    }
    List<String> names = new java.util.ArrayList<>(features);
    for (int f = 0; f < features; f++) {
      names.add(in.readUTF());
    }
    int dimensions = in.readInt();
    boolean diagonal = in.readBoolean();
    if (dimensions < 1 || dimensions > MAX_FEATURES) {
      throw new java.io.IOException("similarity metric claims " + dimensions + " dimensions; the data is corrupt");
    }
    float[] matrix = new float[diagonal ? features : features * dimensions];
    for (int i = 0; i < matrix.length; i++) {
      matrix[i] = in.readFloat();
    }
    try {
      return new SimilarityMetric(names, dimensions, matrix, diagonal);
    } catch (IllegalArgumentException invalid) {
      throw new java.io.IOException("similarity metric data is corrupt: " + invalid.getMessage(), invalid);
    }
  }

  @Override
  public float[] matrix() {
    return matrix.clone();
  }

  public int featureCount() {
    return featureNames.size();
  }

  /**
   * How much each feature counts on its own: the diagonal of {@code M = LL'}, i.e. the weight a
   * weighted cosine would give it (for a diagonal metric exactly its weight).
   */
  public float[] featureWeights() {
    int features = featureNames.size();
    float[] weights = new float[features];
    for (int f = 0; f < features; f++) {
      if (diagonal) {
        weights[f] = matrix[f] * matrix[f];
      } else {
        double sum = 0;
        for (int d = 0; d < dimensions; d++) {
          sum += (double) matrix[f * dimensions + d] * matrix[f * dimensions + d];
        }
        weights[f] = (float) sum;
      }
    }
    return weights;
  }

  /** {@code out[0..dimensions) = L' row}, for a row of scaled features with 0 for missing ones. */
  void project(float[] row, int offset, float[] out) {
    int features = featureNames.size();
    if (diagonal) {
      for (int f = 0; f < features; f++) {
        out[f] = matrix[f] * row[offset + f];
      }
      return;
    }
    Arrays.fill(out, 0, dimensions, 0f);
    for (int f = 0; f < features; f++) {
      float value = row[offset + f];
      if (value != 0f) {
        int base = f * dimensions;
        for (int d = 0; d < dimensions; d++) {
          out[d] += value * matrix[base + d];
        }
      }
    }
  }

  /** {@code out[0..features) = L projected}: maps a projected row back, giving {@code M row}. */
  void backProject(float[] projected, float[] out) {
    int features = featureNames.size();
    for (int f = 0; f < features; f++) {
      if (diagonal) {
        out[f] = matrix[f] * projected[f];
      } else {
        double sum = 0;
        for (int d = 0; d < dimensions; d++) {
          sum += (double) matrix[f * dimensions + d] * projected[d];
        }
        out[f] = (float) sum;
      }
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SimilarityMetric that && dimensions == that.dimensions && diagonal == that.diagonal
        && featureNames.equals(that.featureNames) && Arrays.equals(matrix, that.matrix);
  }

  @Override
  public int hashCode() {
    return Objects.hash(featureNames, dimensions, diagonal, Arrays.hashCode(matrix));
  }

  @Override
  public String toString() {
    return (diagonal ? "weighted cosine over " : "learned metric over ") + featureNames.size() + " features"
        + (diagonal ? "" : " into " + dimensions + " dimensions");
  }
}
