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

  /** Entries per gathered segment of a row too long to gather whole. */
  private static final int SEGMENT = 4096;

  private final int k;
  private final int steps;
  private final float[] residual;
  private final float[] direction;
  private final float[] product;
  private final float[] negated;
  private final int gatherLimit;
  private float[] gathered;
  private float[] offsets;
  private float[] slopes;

  /** A solver for rows whose other side has {@code fixedRows} factor rows. */
  ConjugateGradientSolver(int k, int steps, int fixedRows) {
    this.k = k;
    this.steps = steps;
    this.gatherLimit = Math.max(MIN_GATHER_LIMIT, fixedRows / GATHER_SHARE_DIVISOR);
    this.residual = new float[k];
    this.direction = new float[k];
    this.product = new float[k];
    this.negated = new float[k];
    this.gathered = new float[64 * k];
    this.offsets = new float[64];
    this.slopes = new float[64];
  }

  /**
   * Improves {@code target[offset..offset+k)} for the row whose entries are {@code columns[from..to)}.
   *
   * <p>The other side's factor rows are first copied into one contiguous buffer, with each
   * entry's weights beside them. The copy is a run of independent loads, so the CPU overlaps the
   * cache misses of a gather over a factor matrix far larger than its caches (the item half-step
   * of a 10^8-play model reads user rows spread over 512 MB); the 1 + steps passes of the solve
   * then read the buffer from L1/L2. A row longer than the gather limit is gathered again in
   * segments on every pass, which keeps the buffers bounded.
   */
  void solveRow(float[] gram, float[] fixed, int[] columns, float[] values, EntryConfidences confidences, int from,
      int to, float lambda, float[] target, int offset) {
    int count = to - from;
    boolean whole = count <= gatherLimit;
    ensureCapacity(whole ? count : SEGMENT);
    if (whole) {
      gather(fixed, columns, values, confidences, from, to);
    }
    // residual = b - A x = sum_j (c_j p_j + (c_j - 1)(y_j . -x)) y_j - (Y'Y + lambda I) x
    KERNELS.symmetricMultiply(gram, target, offset, lambda, residual, k);
    for (int a = 0; a < k; a++) {
      residual[a] = -residual[a];
      negated[a] = -target[offset + a];
    }
    addDataTerm(whole, fixed, columns, values, confidences, from, to, true, negated, residual);
    System.arraycopy(residual, 0, direction, 0, k);
    float residualNorm = KERNELS.dot(residual, 0, residual, 0, k);
    for (int step = 0; step < steps && residualNorm > CONVERGED; step++) {
      KERNELS.symmetricMultiply(gram, direction, 0, lambda, product, k);
      addDataTerm(whole, fixed, columns, values, confidences, from, to, false, direction, product);
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

  /**
   * {@code out += sum_j (o_j + (c_j - 1)(y_j . vector)) y_j}, with o_j = c_j p_j if
   * {@code withOffsets}, else 0. A {@code whole} row is already gathered; a longer one is gathered
   * here segment by segment.
   */
  private void addDataTerm(boolean whole, float[] fixed, int[] columns, float[] values, EntryConfidences confidences,
      int from, int to, boolean withOffsets, float[] vector, float[] out) {
    if (whole) {
      KERNELS.addWeightedRows(gathered, to - from, k, withOffsets ? offsets : null, slopes, vector, 0, out);
      return;
    }
    for (int start = from; start < to; start += SEGMENT) {
      int end = Math.min(to, start + SEGMENT);
      gather(fixed, columns, values, confidences, start, end);
      KERNELS.addWeightedRows(gathered, end - start, k, withOffsets ? offsets : null, slopes, vector, 0, out);
    }
  }

  /** Copies the factor rows and weights of entries {@code [from, to)} to the front of the buffers. */
  private void gather(float[] fixed, int[] columns, float[] values, EntryConfidences confidences, int from, int to) {
    for (int p = from; p < to; p++) {
      int j = p - from;
      System.arraycopy(fixed, columns[p] * k, gathered, j * k, k);
      float confidence = confidences.at(p);
      offsets[j] = values[p] > 0 ? confidence : 0f;
      slopes[j] = confidence - 1f;
    }
  }

  private void ensureCapacity(int entries) {
    if (slopes.length < entries) {
      int size = Math.min(gatherLimit, Math.max(entries, 2 * slopes.length));
      gathered = new float[size * k];
      offsets = new float[size];
      slopes = new float[size];
    }
  }
}
