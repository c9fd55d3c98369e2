package dev.encore.hybrid;

import dev.encore.linalg.Cholesky;

/**
 * Ridge regression of ALS item factors on scaled audio features, learned from tracks that have
 * both (the warm tracks), so a track nobody has played yet gets factors from how it sounds. With
 * X the warm tracks' features plus a column of ones (n x (d + 1)) and Y their factors (n x k):
 * <pre>
 *   W = argmin |X W - Y|^2 + lambda |W without the intercept row|^2  =  (X'X + lambda D)^-1 X'Y
 * </pre>
 * where D is the identity with 0 for the intercept, which is left unpenalised so predictions
 * shrink towards the average track, not towards the zero vector. The normal equations are one
 * (d + 1) x (d + 1) system with k right-hand sides, solved with the engine's {@link Cholesky}.
 *
 * <p>A missing feature (NaN) is read as 0: in scaled units that is the catalogue's typical value,
 * the least informative guess, so a track missing its tempo is predicted as if its tempo were
 * ordinary rather than zero BPM.
 */
public final class ItemFactorRegression {
  private final int featureCount;
  private final int factors;
  /** Row-major (featureCount + 1) x factors; the last row is the intercept. */
  private final double[] coefficients;

  private ItemFactorRegression(int featureCount, int factors, double[] coefficients) {
    this.featureCount = featureCount;
    this.factors = factors;
    this.coefficients = coefficients;
  }

  /**
   * One more than the most features the regression takes: its Gram matrix of 4097^2 doubles is
   * 128 MiB, and {@code width * width} would overflow an int past 46,340.
   */
  public static final int MAX_FEATURES = 4097;

  /**
   * Fits the regression on {@code rows} examples: {@code features} is rows x featureCount
   * (row-major, NaN = missing), {@code targets} rows x factors.
   *
   * @param lambda the ridge penalty, > 0 (it keeps the system positive definite even when
   *     features are collinear or there are fewer tracks than features)
   */
  public static ItemFactorRegression fit(float[] features, float[] targets, int rows, int featureCount, int factors,
      double lambda) {
    if (!(lambda > 0) || !Double.isFinite(lambda)) {
      throw new IllegalArgumentException("ridge lambda " + lambda + " must be finite and > 0");
    }
    if (rows < 1) {
      throw new IllegalArgumentException("no warm tracks with features to learn item factors from");
    }
    if (featureCount >= MAX_FEATURES) {
      throw new IllegalArgumentException("the regression of item factors on features holds a (features + 1)^2"
          + " matrix; " + featureCount + " features is more than the " + (MAX_FEATURES - 1) + " it takes");
    }
    if (features.length != rows * featureCount || targets.length != rows * factors) {
      throw new IllegalArgumentException("features (" + features.length + " values) and targets (" + targets.length
          + ") do not match " + rows + " rows of " + featureCount + " features and " + factors + " factors");
    }
    int width = featureCount + 1;
    double[] gram = new double[width * width];
    double[] crossProducts = new double[width * factors];
    double[] row = new double[width];
    for (int r = 0; r < rows; r++) {
      designRow(features, r * featureCount, featureCount, row);
      for (int a = 0; a < width; a++) {
        if (row[a] == 0) {
          continue;
        }
        for (int b = 0; b < width; b++) {
          gram[a * width + b] += row[a] * row[b];
        }
        for (int f = 0; f < factors; f++) {
          crossProducts[a * factors + f] += row[a] * targets[r * factors + f];
        }
      }
    }
    for (int a = 0; a < featureCount; a++) {
      gram[a * width + a] += lambda;
    }
    Cholesky.decompose(gram, width);
    double[] coefficients = new double[width * factors];
    double[] column = new double[width];
    for (int f = 0; f < factors; f++) {
      for (int a = 0; a < width; a++) {
        column[a] = crossProducts[a * factors + f];
      }
      Cholesky.solve(gram, width, column);
      for (int a = 0; a < width; a++) {
        coefficients[a * factors + f] = column[a];
      }
    }
    return new ItemFactorRegression(featureCount, factors, coefficients);
  }

  /** The features of one example with the intercept's 1 appended; NaN read as 0 (see the class comment). */
  private static void designRow(float[] features, int offset, int featureCount, double[] row) {
    for (int a = 0; a < featureCount; a++) {
      float value = features[offset + a];
      row[a] = Float.isNaN(value) ? 0 : value;
    }
    row[featureCount] = 1;
  }

  public int featureCount() {
    return featureCount;
  }

  public int factors() {
    return factors;
  }

  /** The coefficient of {@code feature} (featureCount for the intercept) for {@code factor}. */
  public double coefficient(int feature, int factor) {
    return coefficients[feature * factors + factor];
  }

  /** Predicted factors for the track whose features are {@code features[offset..offset+featureCount)}. */
  public float[] predict(float[] features, int offset) {
    double[] row = new double[featureCount + 1];
    designRow(features, offset, featureCount, row);
    float[] prediction = new float[factors];
    for (int f = 0; f < factors; f++) {
      double sum = 0;
      for (int a = 0; a <= featureCount; a++) {
        sum += row[a] * coefficients[a * factors + f];
      }
      prediction[f] = (float) sum;
    }
    return prediction;
  }
}
