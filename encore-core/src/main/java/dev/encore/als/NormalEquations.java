package dev.encore.als;

import dev.encore.linalg.Cholesky;
import dev.encore.linalg.Kernels;
import java.util.Arrays;

/**
 * The normal equations of one row, Hu, Koren and Volinsky (2008) eq. (4):
 * {@code (Y'Y + Y'(C_u - I)Y + lambda I) x_u = Y' C_u p(u)}, built from the precomputed Gram
 * matrix {@code Y'Y} plus a correction for each observed entry only. Used by the exact solver,
 * by fold-in and by explanations, so all three solve the very same system. Not thread-safe:
 * one instance per thread.
 */
public final class NormalEquations {
  private final int k;
  private final double[] matrix;
  private final double[] rightHandSide;
  private final float[] correction;

  public NormalEquations(int k) {
    this.k = k;
    this.matrix = new double[k * k];
    this.rightHandSide = new double[k];
    this.correction = new float[k * k];
  }

  /**
   * Builds A and b for a row whose observed entries are {@code columns[from..to)} with raw
   * {@code values} and {@code confidences} at the same positions; {@code fixed} holds the other
   * side's factors row-major.
   */
  public void build(double[] gram, float[] fixed, int[] columns, float[] values, EntryConfidences confidences,
      int from, int to, float lambda) {
    // The per-entry corrections sum in float on the vector kernel (a row has at most a few
    // thousand entries); adding them to Y'Y and the solve itself run in double.
    Arrays.fill(correction, 0f);
    Arrays.fill(rightHandSide, 0);
    Kernels kernels = Kernels.INSTANCE;
    for (int p = from; p < to; p++) {
      int row = columns[p] * k;
      float confidence = confidences.at(p);
      kernels.addOuterProduct(confidence - 1f, fixed, row, correction, k);
      if (values[p] > 0) {
        double weight = confidence;
        for (int a = 0; a < k; a++) {
          rightHandSide[a] += weight * fixed[row + a];
        }
      }
    }
    for (int i = 0; i < k * k; i++) {
      matrix[i] = gram[i] + correction[i];
    }
    for (int a = 0; a < k; a++) {
      matrix[a * k + a] += lambda;
    }
  }

  /** Factorises A in place (its lower triangle); call after {@link #build}. */
  public void decompose() {
    Cholesky.decompose(matrix, k);
  }

  /** Solves A x = rhs in place, after {@link #decompose}. */
  public void solve(double[] rhs) {
    Cholesky.solve(matrix, k, rhs);
  }

  /** b = Y' C_u p(u) as built; {@link #solveRow} overwrites it with x. */
  public double[] rightHandSide() {
    return rightHandSide;
  }

  /** Decomposes, solves for x and writes it as floats to {@code target[offset..offset+k)}. */
  public void solveRow(float[] target, int offset) {
    decompose();
    Cholesky.solve(matrix, k, rightHandSide);
    for (int a = 0; a < k; a++) {
      target[offset + a] = (float) rightHandSide[a];
    }
  }
}
