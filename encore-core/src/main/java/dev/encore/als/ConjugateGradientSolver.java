package dev.encore.als;

import dev.encore.linalg.Kernels;

/**
 * A few conjugate-gradient steps on one row's normal equations, warm-started from the row's
 * previous factors (Takacs, Pilaszy and Tikk 2011, "Applications of the conjugate gradient method
 * for implicit feedback collaborative filtering"). A times a vector is computed as
 * {@code (Y'Y + lambda I) v + sum_j (c_j - 1)(y_j . v) y_j}, never forming A. Not thread-safe:
 * one instance per thread.
 */
final class ConjugateGradientSolver {
  private static final float CONVERGED = 1e-20f;
  private static final Kernels KERNELS = Kernels.INSTANCE;

  /** Rows with at most this many entries are always gathered. */
  private static final int MIN_GATHER_LIMIT = 4096;
  /**
   * Larger rows are gathered while their copy stays under 1/16 of the fixed factor matrix: on
   * synth-100m, gathering rows of up to 262,144 entries cut the item half-step from 10.8 s to
   * 7.8 s, and the limit keeps the buffers (one per thread) a small share of the model's memory.
   */
  private static final int GATHER_SHARE_DIVISOR = 16;

  private final int k;
  private final int steps;
  private final float[] residual;
  private final float[] direction;
  private final float[] product;
  private final int gatherLimit;
  private float[] gathered;

  /** A solver for rows whose other side has {@code fixedRows} factor rows. */
  ConjugateGradientSolver(int k, int steps, int fixedRows) {
    this.k = k;
    this.steps = steps;
    this.gatherLimit = Math.max(MIN_GATHER_LIMIT, fixedRows / GATHER_SHARE_DIVISOR);
    this.residual = new float[k];
    this.direction = new float[k];
    this.product = new float[k];
    this.gathered = new float[64 * k];
  }

  /**
   * Improves {@code target[offset..offset+k)} for the row whose entries are {@code columns[from..to)}.
   *
   * <p>The other side's factor rows are first copied into one contiguous buffer. The copy is a
   * run of independent loads, so the CPU overlaps the cache misses of a gather over a factor
   * matrix far larger than its caches (the item half-step of a 10^8-play model reads user rows
   * spread over 512 MB); the 1 + steps passes of the solve then read the buffer from L1/L2.
   */
  void solveRow(float[] gram, float[] fixed, int[] columns, float[] values, EntryConfidences confidences, int from,
      int to, float lambda, float[] target, int offset) {
    int count = to - from;
    if (count > gatherLimit) {
      solve(gram, fixed, columns, values, confidences, from, to, lambda, target, offset);
      return;
    }
    if (gathered.length < count * k) {
      gathered = new float[Math.min(gatherLimit, Math.max(count, 2 * gathered.length / k)) * k];
    }
    for (int p = from; p < to; p++) {
      System.arraycopy(fixed, columns[p] * k, gathered, (p - from) * k, k);
    }
    solve(gram, gathered, null, values, confidences, from, to, lambda, target, offset);
  }

  /** The solve proper; with {@code columns} null, entry p's row is row {@code p - from} of {@code fixed}. */
  private void solve(float[] gram, float[] fixed, int[] columns, float[] values, EntryConfidences confidences, int from,
      int to, float lambda, float[] target, int offset) {
    // residual = b - A x
    KERNELS.symmetricMultiply(gram, target, offset, lambda, residual, k);
    for (int a = 0; a < k; a++) {
      residual[a] = -residual[a];
    }
    for (int p = from; p < to; p++) {
      int row = columns == null ? (p - from) * k : columns[p] * k;
      float confidence = confidences.at(p);
      float score = KERNELS.dot(fixed, row, target, offset, k);
      float preference = values[p] > 0 ? 1f : 0f;
      KERNELS.axpy(confidence * preference - (confidence - 1f) * score, fixed, row, residual, 0, k);
    }
    System.arraycopy(residual, 0, direction, 0, k);
    float residualNorm = KERNELS.dot(residual, 0, residual, 0, k);
    for (int step = 0; step < steps && residualNorm > CONVERGED; step++) {
      KERNELS.symmetricMultiply(gram, direction, 0, lambda, product, k);
      for (int p = from; p < to; p++) {
        int row = columns == null ? (p - from) * k : columns[p] * k;
        float along = KERNELS.dot(fixed, row, direction, 0, k);
        KERNELS.axpy((confidences.at(p) - 1f) * along, fixed, row, product, 0, k);
      }
      float curvature = KERNELS.dot(direction, 0, product, 0, k);
      if (!(curvature > 0)) {
        break;
      }
      float stepSize = residualNorm / curvature;
      KERNELS.axpy(stepSize, direction, 0, target, offset, k);
      KERNELS.axpy(-stepSize, product, 0, residual, 0, k);
      float nextNorm = KERNELS.dot(residual, 0, residual, 0, k);
      float beta = nextNorm / residualNorm;
      for (int a = 0; a < k; a++) {
        direction[a] = residual[a] + beta * direction[a];
      }
      residualNorm = nextNorm;
    }
  }
}
