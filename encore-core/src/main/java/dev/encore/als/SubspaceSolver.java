package dev.encore.als;

import dev.encore.data.Csr;
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
 * same right-hand side.
 *
 * <p>Rows are solved {@link #GROUP} at a time in lockstep, block by block, so each slice of the
 * Gram matrix that a block's gradient reads serves the whole group
 * ({@link Kernels#multiplyColumnSlice}): at k = 1,024 the matrix is 4 MB, and reading it once per
 * row left the solve waiting on the cache. Not
 * thread-safe: one instance per thread.
 */
final class SubspaceSolver {
  /** Rows solved together: each Gram slice read serves them all, and their blocks are solved at once. */
  static final int GROUP = Kernels.SYSTEMS;
  private static final Kernels KERNELS = Kernels.INSTANCE;

  private final int k;
  private final int block;
  private final float[] gradients;
  private final float[] lambdas = new float[GROUP];
  private final int[] entryStarts = new int[GROUP + 1];
  /** One row's data term of its block system, as {@link Kernels#weightedGram} writes it. */
  private final float[] correction;
  /** The group's rows' data terms, row g's from {@link #correctionStarts}[g]. */
  private final float[] corrections;
  private final int[] correctionStarts = new int[GROUP];
  private final double[] shifts = new double[GROUP];
  /** The group's block systems and right-hand sides, interleaved as {@link Kernels#solveSystems} takes them. */
  private final double[] systems;
  private final double[] steps;
  private final float[] stepFloat;
  private int[] rowOffsets = new int[256];
  private float[] slopes = new float[256];
  private float[] targets = new float[256];
  private float[] scores = new float[256];
  private int[] blockOffsets = new int[64];
  private float[] blockSlopes = new float[64];
  private float[] blockWeights = new float[64];

  SubspaceSolver(int k, int block) {
    this.k = k;
    this.block = block;
    this.gradients = new float[GROUP * block];
    this.correction = new float[block * block];
    this.corrections = new float[GROUP * block * block];
    for (int g = 0; g < GROUP; g++) {
      correctionStarts[g] = g * block * block;
    }
    this.systems = new double[GROUP * block * block];
    this.steps = new double[GROUP * block];
    this.stepFloat = new float[block];
  }

  /**
   * Improves rows {@code [firstRow, endRow)} of {@code target} (row r at {@code r * k}) from the
   * entries {@code rows} holds for them; {@code gram} is the weighted Gram matrix
   * {@code alpha0 Y'Y} in float and {@code config} gives each row's lambda.
   */
  void solveRows(AlsConfig config, float[] gram, long otherSideRows, Csr rows, EntryConfidences confidences,
      float[] fixed, float[] target, int firstRow, int endRow) {
    for (int first = firstRow; first < endRow; first += GROUP) {
      int group = Math.min(GROUP, endRow - first);
      gather(config, otherSideRows, rows, confidences, fixed, target, first, group);
      for (int start = 0; start < k; start += block) {
        int width = Math.min(block, k - start);
        // grad_B = ((alpha0 Y'Y + lambda I) x)_B + sum_j ((c_j - 1) s_j - c_j p_j) y_jB; here its
        // first term, the block's columns of the Gram matrix times the group's rows
        KERNELS.multiplyColumnSlice(gram, k, start, width, target, first * k, group, gradients, block);
        for (int g = 0; g < group; g++) {
          int offset = (first + g) * k + start;
          for (int a = 0; a < width; a++) {
            gradients[g * block + a] += lambdas[g] * target[offset + a];
          }
        }
        for (int g = 0; g < group; g++) {
          assembleBlock(fixed, g, start, width);
        }
        KERNELS.interleaveSystems(gram, start * k + start, k, corrections, correctionStarts, shifts, width, group,
            systems);
        KERNELS.solveSystems(systems, steps, width, group);
        for (int g = 0; g < group; g++) {
          applyStep(fixed, g, target, (first + g) * k, start, width);
        }
      }
    }
  }

  /** The group's entries, one row after another: offsets of their factor rows, weights, scores. */
  private void gather(AlsConfig config, long otherSideRows, Csr rows, EntryConfidences confidences, float[] fixed,
      float[] target, int first, int group) {
    int[] columns = rows.indices();
    float[] values = rows.values();
    int total = rows.rowStart(first + group) - rows.rowStart(first);
    ensureCapacity(total);
    int j = 0;
    for (int g = 0; g < group; g++) {
      int row = first + g;
      entryStarts[g] = j;
      lambdas[g] = config.regularizationFor(rows.rowLength(row), otherSideRows);
      for (int p = rows.rowStart(row); p < rows.rowEnd(row); p++, j++) {
        int fixedRow = columns[p] * k;
        float confidence = confidences.at(p);
        rowOffsets[j] = fixedRow;
        slopes[j] = confidence - 1f;
        targets[j] = values[p] > 0 ? confidence : 0f;
        scores[j] = KERNELS.dot(target, row * k, fixed, fixedRow, k);
      }
    }
    entryStarts[group] = j;
  }

  /**
   * Row {@code g}'s system for factors {@code [start, start + width)} with the others held, the
   * Newton step {@code A_BB d = -grad_B}, exact because the loss is quadratic, into slot g of
   * {@link #systems} and {@link #steps}. The gradient's Gram term is already in {@link #gradients}.
   */
  private void assembleBlock(float[] fixed, int g, int start, int width) {
    int from = entryStarts[g];
    int count = entryStarts[g + 1] - from;
    int gradient = g * block;
    for (int e = 0; e < count; e++) {
      int j = from + e;
      blockOffsets[e] = rowOffsets[j] + start;
      blockSlopes[e] = slopes[j];
      blockWeights[e] = slopes[j] * scores[j] - targets[j];
    }
    KERNELS.addWeightedSlices(fixed, blockOffsets, blockWeights, count, width, gradients, gradient);
    // A_BB = (alpha0 Y'Y)_BB + sum_j (c_j - 1) y_jB y_jB' + lambda I, upper triangle only; the
    // Gram block and lambda are added to the whole group's corrections at once (interleaveSystems)
    KERNELS.weightedGram(fixed, blockOffsets, blockSlopes, count, width, correction);
    System.arraycopy(correction, 0, corrections, correctionStarts[g], width * width);
    shifts[g] = lambdas[g];
    for (int a = 0; a < width; a++) {
      steps[a * GROUP + g] = -gradients[gradient + a];
    }
  }

  /** Adds row {@code g}'s solved step to its factors and to the scores of its entries. */
  private void applyStep(float[] fixed, int g, float[] target, int offset, int start, int width) {
    for (int a = 0; a < width; a++) {
      float change = (float) steps[a * GROUP + g];
      stepFloat[a] = change;
      target[offset + start + a] += change;
    }
    KERNELS.addDots(fixed, rowOffsets, entryStarts[g], entryStarts[g + 1] - entryStarts[g], start, stepFloat, 0,
        width, scores);
  }

  private void ensureCapacity(int entries) {
    if (slopes.length < entries) {
      int size = Math.max(entries, 2 * slopes.length);
      rowOffsets = new int[size];
      slopes = new float[size];
      targets = new float[size];
      scores = new float[size];
    }
    if (blockOffsets.length < entries) {
      blockOffsets = new int[slopes.length];
      blockSlopes = new float[slopes.length];
      blockWeights = new float[slopes.length];
    }
  }
}
