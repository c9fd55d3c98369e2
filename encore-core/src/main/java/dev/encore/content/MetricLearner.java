package dev.encore.content;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Learns a {@link SimilarityMetric} from tracks with known classes (genres), so that tracks of a
 * class come out close: regularised linear discriminant analysis used as a metric. The scaled
 * features are first whitened by the within-class covariance, shrunk towards a multiple of the
 * identity ({@code W_s = (1 - s) W + s tr(W)/d I}, Ledoit-Wolf style) so that 1,000 tracks can
 * estimate it; then each direction of the between-class covariance in the whitened space is
 * stretched by its eigenvalue to the power {@code p}. With {@code p = 0} the metric only undoes
 * the correlations that make, say, spectral centroid, rolloff and bandwidth count three times;
 * larger {@code p} favours the directions that separate the classes. Unlike a per-feature weight,
 * a linear map can do both, which is what lifts GTZAN's genre precision past 0.60.
 *
 * <p>Missing values count as the catalogue median (0 after scaling) while learning only; a feature
 * that no training track has gets a zero row, so it never counts.
 *
 * @param shrinkage {@code s} in [0, 1]
 * @param power {@code p} >= 0
 */
public record MetricLearner(double shrinkage, double power) {
  /** The between-class eigenvalues below this share of the largest count as this share. */
  private static final double EIGENVALUE_FLOOR = 1e-3;

  public MetricLearner {
    if (!(shrinkage >= 0 && shrinkage <= 1)) {
      throw new IllegalArgumentException("shrinkage " + shrinkage + " must be in [0, 1]");
    }
    if (!(power >= 0) || Double.isInfinite(power)) {
      throw new IllegalArgumentException("power " + power + " must be finite and >= 0");
    }
  }

  /**
   * Learns from the scaled rows ({@code tracks x featureNames.size()}, NaN where missing) of the
   * tracks in {@code training}, whose classes are {@code classes[track]} (0-based).
   */
  public SimilarityMetric learn(List<String> featureNames, float[] scaled, int[] classes, int[] training) {
    int features = featureNames.size();
    if (training.length < 2) {
      throw new IllegalArgumentException("learning a metric needs at least 2 training tracks, got " + training.length);
    }
    int classCount = 0;
    for (int track : training) {
      if (classes[track] < 0) {
        throw new IllegalArgumentException("training track " + track + " has no class");
      }
      classCount = Math.max(classCount, classes[track] + 1);
    }
    boolean[] active = new boolean[features];
    double[][] classSums = new double[classCount][features];
    int[] classSizes = new int[classCount];
    for (int track : training) {
      classSizes[classes[track]]++;
      for (int f = 0; f < features; f++) {
        float value = scaled[track * features + f];
        if (!Float.isNaN(value)) {
          active[f] = true;
          classSums[classes[track]][f] += value;
        }
      }
    }
    double[] overallMean = new double[features];
    double[][] classMeans = new double[classCount][features];
    for (int c = 0; c < classCount; c++) {
      for (int f = 0; f < features; f++) {
        classMeans[c][f] = classSizes[c] == 0 ? 0 : classSums[c][f] / classSizes[c];
        overallMean[f] += classSums[c][f] / training.length;
      }
    }
    DMatrixRMaj within = new DMatrixRMaj(features, features);
    double[] centred = new double[features];
    for (int track : training) {
      for (int f = 0; f < features; f++) {
        float value = scaled[track * features + f];
        centred[f] = (Float.isNaN(value) ? 0 : value) - classMeans[classes[track]][f];
      }
      addOuter(within, centred, 1.0 / training.length);
    }
    DMatrixRMaj between = new DMatrixRMaj(features, features);
    for (int c = 0; c < classCount; c++) {
      for (int f = 0; f < features; f++) {
        centred[f] = classMeans[c][f] - overallMean[f];
      }
      addOuter(between, centred, (double) classSizes[c] / training.length);
    }

    DMatrixRMaj whitening = inverseSquareRoot(shrink(within, active), active);
    DMatrixRMaj whitenedBetween = multiply(multiply(whitening, between), whitening);
    EigenDecomposition_F64<DMatrixRMaj> directions = decompose(whitenedBetween);
    double largest = 0;
    for (int d = 0; d < features; d++) {
      largest = Math.max(largest, directions.getEigenvalue(d).real);
    }
    DMatrixRMaj stretched = new DMatrixRMaj(features, features);
    for (int d = 0; d < features; d++) {
      double eigenvalue = Math.max(directions.getEigenvalue(d).real, EIGENVALUE_FLOOR * largest);
      double stretch = largest > 0 ? Math.pow(eigenvalue / largest, power / 2) : 1;
      DMatrixRMaj vector = directions.getEigenVector(d);
      for (int f = 0; f < features; f++) {
        stretched.set(f, d, vector.get(f, 0) * stretch);
      }
    }
    DMatrixRMaj map = multiply(whitening, stretched);
    float[] matrix = new float[features * features];
    for (int f = 0; f < features; f++) {
      for (int d = 0; d < features; d++) {
        matrix[f * features + d] = active[f] ? (float) map.get(f, d) : 0f;
      }
    }
    return SimilarityMetric.linear(featureNames, features, matrix);
  }

  /** {@code (1 - s) W + s tr(W)/d I} over the active features; inactive ones get 1 on the diagonal. */
  private DMatrixRMaj shrink(DMatrixRMaj within, boolean[] active) {
    int features = within.numRows;
    double trace = 0;
    int activeCount = 0;
    for (int f = 0; f < features; f++) {
      if (active[f]) {
        trace += within.get(f, f);
        activeCount++;
      }
    }
    double target = activeCount == 0 || trace <= 0 ? 1 : trace / activeCount;
    DMatrixRMaj shrunk = new DMatrixRMaj(features, features);
    for (int i = 0; i < features; i++) {
      for (int j = 0; j < features; j++) {
        double value = (1 - shrinkage) * within.get(i, j) + (i == j ? shrinkage * target : 0);
        shrunk.set(i, j, active[i] && active[j] ? value : (i == j ? 1 : 0));
      }
    }
    return shrunk;
  }

  /** The symmetric inverse square root; eigenvalues at or below zero (no shrinkage, collinear features) are floored. */
  private static DMatrixRMaj inverseSquareRoot(DMatrixRMaj symmetric, boolean[] active) {
    int size = symmetric.numRows;
    EigenDecomposition_F64<DMatrixRMaj> eigen = decompose(symmetric);
    double largest = 0;
    for (int d = 0; d < size; d++) {
      largest = Math.max(largest, eigen.getEigenvalue(d).real);
    }
    DMatrixRMaj result = new DMatrixRMaj(size, size);
    double[] vector = new double[size];
    for (int d = 0; d < size; d++) {
      double eigenvalue = Math.max(eigen.getEigenvalue(d).real, 1e-9 * largest);
      DMatrixRMaj column = eigen.getEigenVector(d);
      for (int f = 0; f < size; f++) {
        vector[f] = column.get(f, 0);
      }
      addOuter(result, vector, 1 / Math.sqrt(eigenvalue));
    }
    return result;
  }

  private static EigenDecomposition_F64<DMatrixRMaj> decompose(DMatrixRMaj symmetric) {
    EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(symmetric.numRows, true, true);
    if (!eigen.decompose(symmetric.copy())) {
      throw new IllegalStateException("the eigendecomposition of a " + symmetric.numRows
          + "-square covariance did not converge");
    }
    return eigen;
  }

  private static DMatrixRMaj multiply(DMatrixRMaj left, DMatrixRMaj right) {
    DMatrixRMaj product = new DMatrixRMaj(left.numRows, right.numCols);
    CommonOps_DDRM.mult(left, right, product);
    return product;
  }

  private static void addOuter(DMatrixRMaj sum, double[] vector, double scale) {
    for (int i = 0; i < vector.length; i++) {
      double row = scale * vector[i];
      for (int j = 0; j < vector.length; j++) {
        sum.add(i, j, row * vector[j]);
      }
    }
  }
}
