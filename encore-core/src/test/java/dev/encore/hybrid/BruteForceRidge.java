package dev.encore.hybrid;

/**
 * An independent answer to ridge regression with an unpenalised intercept: the augmented least
 * squares problem {@code [X 1; sqrt(lambda) I 0] w = [y; 0]} solved by Householder QR, which never
 * forms the normal equations the engine solves.
 */
final class BruteForceRidge {
  private BruteForceRidge() {}

  /** The coefficients (features, then intercept) for one target column. */
  static double[] solve(float[] features, float[] targets, int rows, int featureCount, int factors, int factor,
      double lambda) {
    int width = featureCount + 1;
    int height = rows + featureCount;
    double[][] a = new double[height][width];
    double[] b = new double[height];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < featureCount; c++) {
        a[r][c] = features[r * featureCount + c];
      }
      a[r][featureCount] = 1;
      b[r] = targets[r * factors + factor];
    }
    for (int c = 0; c < featureCount; c++) {
      a[rows + c][c] = Math.sqrt(lambda);
    }
    for (int column = 0; column < width; column++) {
      double norm = 0;
      for (int r = column; r < height; r++) {
        norm += a[r][column] * a[r][column];
      }
      norm = Math.sqrt(norm);
      double alpha = a[column][column] > 0 ? -norm : norm;
      double[] v = new double[height];
      v[column] = a[column][column] - alpha;
      for (int r = column + 1; r < height; r++) {
        v[r] = a[r][column];
      }
      double vv = 0;
      for (int r = column; r < height; r++) {
        vv += v[r] * v[r];
      }
      if (vv == 0) {
        continue;
      }
      for (int c = column; c < width; c++) {
        double dot = 0;
        for (int r = column; r < height; r++) {
          dot += v[r] * a[r][c];
        }
        for (int r = column; r < height; r++) {
          a[r][c] -= 2 * dot / vv * v[r];
        }
      }
      double dot = 0;
      for (int r = column; r < height; r++) {
        dot += v[r] * b[r];
      }
      for (int r = column; r < height; r++) {
        b[r] -= 2 * dot / vv * v[r];
      }
    }
    double[] w = new double[width];
    for (int r = width - 1; r >= 0; r--) {
      double sum = b[r];
      for (int c = r + 1; c < width; c++) {
        sum -= a[r][c] * w[c];
      }
      w[r] = sum / a[r][r];
    }
    return w;
  }

  /** {@code |X w + b - y|^2 + lambda |w|^2} for one target column; the intercept is the last coefficient. */
  static double objective(float[] features, float[] targets, int rows, int featureCount, int factors, int factor,
      double lambda, double[] coefficients) {
    double total = 0;
    for (int r = 0; r < rows; r++) {
      double prediction = coefficients[featureCount];
      for (int c = 0; c < featureCount; c++) {
        prediction += coefficients[c] * features[r * featureCount + c];
      }
      double error = prediction - targets[r * factors + factor];
      total += error * error;
    }
    for (int c = 0; c < featureCount; c++) {
      total += lambda * coefficients[c] * coefficients[c];
    }
    return total;
  }
}
