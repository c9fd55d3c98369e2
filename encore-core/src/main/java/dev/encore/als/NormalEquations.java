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
  /** Entries whose share of b is summed in float before it is added in double. */
  private static final int RHS_BLOCK = 64;

  private final int k;
  private final double[] matrix;
  private final double[] rightHandSide;
  private final float[] correction;
  private final float[] weightedSum;
  private int[] offsets = new int[64];
  private float[] weights = new float[64];

  public NormalEquations(int k) {
    this.k = k;
    this.matrix = new double[k * k];
    this.rightHandSide = new double[k];
    this.correction = new float[k * k];
    this.weightedSum = new float[k];
  }

  /**
   * Builds A and b for a row whose observed entries are {@code columns[from..to)} with raw
   * {@code values} and {@code confidences} at the same positions; {@code fixed} holds the other
   * side's factors row-major. Only A's upper triangle is built: the factorisation reads no other.
   */
  public void build(double[] gram, float[] fixed, int[] columns, float[] values, EntryConfidences confidences,
      int from, int to, float lambda) {
    // The per-entry corrections sum in float on the vector kernels (a row has at most a few
    // thousand entries), b in float over blocks of entries added in double; adding them to Y'Y
    // and the solve itself run in double.
    int count = to - from;
    if (offsets.length < count) {
      offsets = new int[Math.max(count, 2 * offsets.length)];
      weights = new float[offsets.length];
    }
    Arrays.fill(rightHandSide, 0);
    Kernels kernels = Kernels.INSTANCE;
    for (int blockStart = from; blockStart < to; blockStart += RHS_BLOCK) {
      Arrays.fill(weightedSum, 0f);
      for (int p = blockStart; p < Math.min(to, blockStart + RHS_BLOCK); p++) {
        int row = columns[p] * k;
        float confidence = confidences.at(p);
        offsets[p - from] = row;
        weights[p - from] = confidence - 1f;
        if (values[p] > 0) {
          kernels.axpy(confidence, fixed, row, weightedSum, 0, k);
        }
      }
      for (int a = 0; a < k; a++) {
        rightHandSide[a] += weightedSum[a];
      }
    }
    kernels.weightedGram(fixed, offsets, weights, count, k, correction);
    for (int a = 0; a < k; a++) {
      for (int b = a; b < k; b++) {
        matrix[a * k + b] = gram[a * k + b] + correction[a * k + b];
      }
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
