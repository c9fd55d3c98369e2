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

  /** Rows solved together: their Gram products share each pass over the k x k matrix. */
  static final int GROUP = 4;

  private final int k;
  private final int steps;
  private final float[] residual;
  private final float[] direction;
  private final float[] product;
  private final float[] negated;
  private final float[] residualNorms = new float[GROUP];
  private final boolean[] active = new boolean[GROUP];
  private final boolean[] whole = new boolean[GROUP];
  private final int gatherLimit;
  private final float[][] gathered = new float[GROUP][];
  private final float[][] offsets = new float[GROUP][];
  private final float[][] slopes = new float[GROUP][];
  private final int[] oneFrom = new int[1];
  private final int[] oneTo = new int[1];
  private final float[] oneLambda = new float[1];

  /** A solver for rows whose other side has {@code fixedRows} factor rows. */
  ConjugateGradientSolver(int k, int steps, int fixedRows) {
    this.k = k;
    this.steps = steps;
    this.gatherLimit = Math.max(MIN_GATHER_LIMIT, fixedRows / GATHER_SHARE_DIVISOR);
    this.residual = new float[GROUP * k];
    this.direction = new float[GROUP * k];
    this.product = new float[GROUP * k];
    this.negated = new float[GROUP * k];
    for (int g = 0; g < GROUP; g++) {
      gathered[g] = new float[64 * k];
      offsets[g] = new float[64];
      slopes[g] = new float[64];
    }
  }

  /** Improves {@code target[offset..offset+k)} for the row whose entries are {@code columns[from..to)}. */
  void solveRow(float[] gram, float[] fixed, int[] columns, float[] values, EntryConfidences confidences, int from,
      int to, float lambda, float[] target, int offset) {
    oneFrom[0] = from;
    oneTo[0] = to;
    oneLambda[0] = lambda;
    solveRows(gram, fixed, columns, values, confidences, oneFrom, oneTo, oneLambda, 1, target, offset);
  }

  /**
   * Improves {@code count} (at most {@link #GROUP}) consecutive rows: row g's entries are
   * {@code columns[from[g]..to[g])}, its lambda {@code lambdas[g]}, its factors
   * {@code target[offset+g*k..offset+g*k+k)}. Each row gets the same floats as when solved alone:
   * the rows share only the passes over the Gram matrix.
   *
   * <p>The other side's factor rows are first copied into one contiguous buffer per row, with
   * each entry's weights beside them. The copy is a run of independent loads, so the CPU overlaps
   * the cache misses of a gather over a factor matrix far larger than its caches (the item
   * half-step of a 10^8-play model reads user rows spread over 512 MB); the 1 + steps passes of the
   * solve then read the buffer from L1/L2. A row longer than the gather limit is gathered again in
   * segments on every pass, which keeps the buffers bounded.
   */
  void solveRows(float[] gram, float[] fixed, int[] columns, float[] values, EntryConfidences confidences,
      int[] from, int[] to, float[] lambdas, int count, float[] target, int offset) {
    for (int g = 0; g < count; g++) {
      int entries = to[g] - from[g];
      whole[g] = entries <= gatherLimit;
      ensureCapacity(g, whole[g] ? entries : SEGMENT);
      if (whole[g]) {
        gather(g, fixed, columns, values, confidences, from[g], to[g]);
      }
    }
    // residual = b - A x = sum_j (c_j p_j + (c_j - 1)(y_j . -x)) y_j - (Y'Y + lambda I) x
    KERNELS.symmetricMultiplyRows(gram, target, offset, count, lambdas, residual, k);
    for (int g = 0; g < count; g++) {
      int row = g * k;
      for (int a = 0; a < k; a++) {
        residual[row + a] = -residual[row + a];
        negated[row + a] = -target[offset + row + a];
      }
      addDataTerm(g, fixed, columns, values, confidences, from[g], to[g], true, negated, residual);
      System.arraycopy(residual, row, direction, row, k);
      residualNorms[g] = KERNELS.dot(residual, row, residual, row, k);
      active[g] = true;
    }
    for (int step = 0; step < steps; step++) {
      boolean any = false;
      for (int g = 0; g < count; g++) {
        active[g] &= residualNorms[g] > CONVERGED;
        any |= active[g];
      }
      if (!any) {
        break;
      }
      KERNELS.symmetricMultiplyRows(gram, direction, 0, count, lambdas, product, k);
      for (int g = 0; g < count; g++) {
        if (active[g]) {
          active[g] = step(g, fixed, columns, values, confidences, from[g], to[g], target, offset + g * k);
        }
      }
    }
  }

  /**
   * One CG step of row g, whose Gram product is already in {@code product}: adds the data term,
   * moves the factors along the direction. False when the curvature stops the row.
   */
  private boolean step(int g, float[] fixed, int[] columns, float[] values, EntryConfidences confidences, int from,
      int to, float[] target, int targetOffset) {
    int row = g * k;
    addDataTerm(g, fixed, columns, values, confidences, from, to, false, direction, product);
    float curvature = KERNELS.dot(direction, row, product, row, k);
    if (!(curvature > 0)) {
      return false;
    }
    float stepSize = residualNorms[g] / curvature;
    KERNELS.axpy(stepSize, direction, row, target, targetOffset, k);
    KERNELS.axpy(-stepSize, product, row, residual, row, k);
    float nextNorm = KERNELS.dot(residual, row, residual, row, k);
    float beta = nextNorm / residualNorms[g];
    for (int a = 0; a < k; a++) {
      direction[row + a] = residual[row + a] + beta * direction[row + a];
    }
    residualNorms[g] = nextNorm;
    return true;
  }

  /**
   * {@code out[g*k..] += sum_j (o_j + (c_j - 1)(y_j . vector_g)) y_j}, with o_j = c_j p_j if
   * {@code withOffsets}, else 0, for row g. A whole row is already gathered; a longer one is
   * gathered here segment by segment.
   */
  private void addDataTerm(int g, float[] fixed, int[] columns, float[] values, EntryConfidences confidences,
      int from, int to, boolean withOffsets, float[] vectors, float[] out) {
    if (whole[g]) {
      addGathered(g, to - from, withOffsets, vectors, out);
      return;
    }
    for (int start = from; start < to; start += SEGMENT) {
      int end = Math.min(to, start + SEGMENT);
      gather(g, fixed, columns, values, confidences, start, end);
      addGathered(g, end - start, withOffsets, vectors, out);
    }
  }

  private void addGathered(int g, int entries, boolean withOffsets, float[] vectors, float[] out) {
    KERNELS.addWeightedRows(gathered[g], entries, k, withOffsets ? offsets[g] : null, slopes[g], vectors, g * k, out);
  }

  /** Copies the factor rows and weights of entries {@code [from, to)} to the front of row g's buffers. */
  private void gather(int g, float[] fixed, int[] columns, float[] values, EntryConfidences confidences, int from,
      int to) {
    float[] rows = gathered[g];
    float[] rowOffsets = offsets[g];
    float[] rowSlopes = slopes[g];
    for (int p = from; p < to; p++) {
      int j = p - from;
      System.arraycopy(fixed, columns[p] * k, rows, j * k, k);
      float confidence = confidences.at(p);
      rowOffsets[j] = values[p] > 0 ? confidence : 0f;
      rowSlopes[j] = confidence - 1f;
    }
  }

  private void ensureCapacity(int g, int entries) {
    if (slopes[g].length < entries) {
      int size = Math.min(gatherLimit, Math.max(entries, 2 * slopes[g].length));
      gathered[g] = new float[size * k];
      offsets[g] = new float[size];
      slopes[g] = new float[size];
    }
  }
}
