package dev.encore.als;

import dev.encore.linalg.Cholesky;
import dev.encore.linalg.Kernels;

/**
 * One sweep of block coordinate descent on one row's normal equations, warm-started from the
 * row's previous factors: the subspace method of Rendle, Krichene, Zhang and Koren (2021),
 * "iALS++: Speeding up Matrix Factorization with Subspace Optimization", Algorithm 2. The k
 * factors are split into consecutive blocks of b; each block in turn is set to the exact minimiser
 * of the row's loss with the other factors held, a b x b Cholesky solve, so a sweep costs
 * {@code n k b / 2 + k^2 + k b^2 / 6} multiply-adds for a row of n entries against the exact
 * solver's {@code n k^2 / 2 + k^3 / 3}: at large k the solve is no longer cubic in k. With b = k
 * one sweep is the exact solve.
 *
 * <p>The row's scores {@code s_j = x . y_j} are kept current as the blocks change, so a block's
 * gradient needs only its own b columns of each entry's row; its Gram part, b rows of
 * {@code alpha0 Y'Y} times the current x, is formed when the block is reached, which over a
 * sweep is one k x k product ({@code k^2} multiply-adds) where keeping all of {@code Y'Y x}
 * current would cost two.
 * The system solved is the exact solver's ({@link NormalEquations}): the same weights c_j - 1, the
 * same right-hand side. Not thread-safe: one instance per thread.
 */
final class SubspaceSolver {
  private static final Kernels KERNELS = Kernels.INSTANCE;

  private final int k;
  private final int block;
  private final float[] gradient;
  private final float[] correction;
  private final double[] system;
  private final double[] step;
  private final float[] stepFloat;
  private int[] rowOffsets = new int[64];
  private int[] blockOffsets = new int[64];
  private float[] slopes = new float[64];
  private float[] targets = new float[64];
  private float[] scores = new float[64];

  SubspaceSolver(int k, int block) {
    this.k = k;
    this.block = block;
    this.gradient = new float[block];
    this.correction = new float[block * block];
    this.system = new double[block * block];
    this.step = new double[block];
    this.stepFloat = new float[block];
  }

  /**
   * Improves {@code target[offset..offset+k)} for the row whose entries are
   * {@code columns[from..to)}; {@code gram} is the weighted Gram matrix {@code alpha0 Y'Y} in float.
   */
  void solveRow(float[] gram, float[] fixed, int[] columns, float[] values, EntryConfidences confidences, int from,
      int to, float lambda, float[] target, int offset) {
    int count = to - from;
    ensureCapacity(count);
    for (int p = from; p < to; p++) {
      int j = p - from;
      int row = columns[p] * k;
      float confidence = confidences.at(p);
      rowOffsets[j] = row;
      slopes[j] = confidence - 1f;
      targets[j] = values[p] > 0 ? confidence : 0f;
      scores[j] = KERNELS.dot(target, offset, fixed, row, k);
    }
    for (int start = 0; start < k; start += block) {
      int width = Math.min(block, k - start);
      solveBlock(gram, fixed, count, lambda, target, offset, start, width);
    }
  }

  /**
   * Sets factors {@code [start, start + width)} to the minimiser with the others held: the
   * Newton step {@code A_BB d = -grad_B}, exact because the loss is quadratic.
   */
  private void solveBlock(float[] gram, float[] fixed, int count, float lambda, float[] target, int offset,
      int start, int width) {
    // grad_B = ((alpha0 Y'Y + lambda I) x)_B + sum_j ((c_j - 1) s_j - c_j p_j) y_jB
    for (int a = 0; a < width; a++) {
      gradient[a] = KERNELS.dot(gram, (start + a) * k, target, offset, k) + lambda * target[offset + start + a];
    }
    for (int j = 0; j < count; j++) {
      blockOffsets[j] = rowOffsets[j] + start;
      float weight = slopes[j] * scores[j] - targets[j];
      if (weight != 0f) {
        KERNELS.axpy(weight, fixed, blockOffsets[j], gradient, 0, width);
      }
    }
    // A_BB = (alpha0 Y'Y)_BB + sum_j (c_j - 1) y_jB y_jB' + lambda I, upper triangle only
    KERNELS.weightedGram(fixed, blockOffsets, slopes, count, width, correction);
    for (int a = 0; a < width; a++) {
      int gramRow = (start + a) * k + start;
      for (int b = a; b < width; b++) {
        system[a * width + b] = (double) gram[gramRow + b] + correction[a * width + b];
      }
      system[a * width + a] += lambda;
      step[a] = -gradient[a];
    }
    Cholesky.decompose(system, width);
    Cholesky.solve(system, width, step);
    for (int a = 0; a < width; a++) {
      float change = (float) step[a];
      stepFloat[a] = change;
      target[offset + start + a] += change;
    }
    for (int j = 0; j < count; j++) {
      scores[j] += KERNELS.dot(stepFloat, 0, fixed, blockOffsets[j], width);
    }
  }

  private void ensureCapacity(int count) {
    if (slopes.length < count) {
      int size = Math.max(count, 2 * slopes.length);
      rowOffsets = new int[size];
      blockOffsets = new int[size];
      slopes = new float[size];
      targets = new float[size];
      scores = new float[size];
    }
  }
}
