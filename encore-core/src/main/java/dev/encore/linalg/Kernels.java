package dev.encore.linalg;

/**
 * The dense float kernels every hot loop in Encore runs on. Two implementations compute the same
 * results up to float rounding: {@link VectorKernels} on the Vector API
 * ({@code jdk.incubator.vector}, used when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}) and the plain-Java {@link ScalarKernels}. The same
 * tests run against both; {@code -Dencore.simd=false} forces the scalar path.
 *
 * <p>Panels: {@link FactorPanels} stores a factor matrix as blocks of {@link #PANEL_WIDTH} rows,
 * column-major inside a block, so scoring one vector against many rows needs no horizontal sums.
 */
public interface Kernels {
  /** Rows per panel block: 16 floats, one 512-bit vector. */
  int PANEL_WIDTH = 16;

  /** The implementation this JVM runs: vector if the module is present and not disabled. */
  Kernels INSTANCE = KernelSelection.select();

  /** A short name for logs and benchmark tables ("vector-512", "scalar"). */
  String name();

  /** The dot product of {@code a[aOffset..aOffset+length)} and {@code b[bOffset..)}. */
  float dot(float[] a, int aOffset, float[] b, int bOffset, int length);

  /** {@code y[yOffset..) += scale * x[xOffset..)} over {@code length} elements. */
  void axpy(float scale, float[] x, int xOffset, float[] y, int yOffset, int length);

  /** {@link #dot(float[], int, float[], int, int)} in double, for the exact solver. */
  double dot(double[] a, int aOffset, double[] b, int bOffset, int length);

  /** {@link #axpy(float, float[], int, float[], int, int)} in double, for the exact solver. */
  void axpy(double scale, double[] x, int xOffset, double[] y, int yOffset, int length);

  /**
   * The trailing update of a right-looking Cholesky factorisation (see {@link Cholesky}): for
   * every row i in {@code [rowFrom, rowTo)} of the row-major k x k {@code a},
   * {@code a[i][c] -= sum_(j in [pivotFrom, pivotTo)) a[j][i] * a[j][c]} for the columns
   * {@code c >= i}. Columns from the multiple of 8 at or below i up to i may be overwritten too:
   * they lie left of row i's diagonal, which the factorisation keeps as scratch, and writing them
   * lets every row's update run in whole vectors.
   */
  void subtractPivotRows(double[] a, int k, int pivotFrom, int pivotTo, int rowFrom, int rowTo);

  /**
   * The rest of a panel's rows of a right-looking Cholesky factor (see {@link Cholesky}): with
   * the diagonal block of rows {@code [from, to)} already factorised in place, every column
   * {@code c >= to} of those rows becomes
   * {@code u[j][c] = (a[j][c] - sum_(p in [from, j)) u[p][j] u[p][c]) / u[j][j]}, the triangular
   * solve with the block.
   */
  void dividePanel(double[] a, int k, int from, int to);

  /**
   * Forward substitution past a panel of a Cholesky factor U (row-major k x k, upper triangle):
   * {@code b[c] -= sum_(p in [from, to)) b[p] u[p][c]} for every column {@code c >= to}.
   */
  void subtractPanelProduct(double[] factor, int k, int from, int to, double[] b);

  /**
   * Backward substitution past a panel of U: {@code b[j] -= sum_(c >= to) u[j][c] b[c]} for the
   * panel's rows j in {@code [from, to)}.
   */
  void subtractTailProducts(double[] factor, int k, int from, int to, double[] b);

  /**
   * {@code out[outOffset + a] += sum_e weights[e] * rows[offsets[e] + a]} for a < width: many
   * short rows weighted into one sum that stays in registers.
   */
  void addWeightedSlices(float[] rows, int[] offsets, float[] weights, int count, int width, float[] out,
      int outOffset);

  /**
   * {@code out[e] += rows[offsets[e] + column ..] . vector[vectorOffset ..]} (width terms) for e in
   * {@code [from, from + count)}: many short dot products against one vector.
   */
  void addDots(float[] rows, int[] offsets, int from, int count, int column, float[] vector, int vectorOffset,
      int width, float[] out);

  /** Systems {@link #solveSystems} solves together, one a lane. */
  int SYSTEMS = 8;

  /**
   * Solves {@code count} (at most {@link #SYSTEMS}) symmetric positive definite n x n systems
   * {@code A_g x_g = b_g} at once by Cholesky factorisation, their elements interleaved: element
   * (i, j), j >= i, of system g at {@code systems[(i*n + j)*SYSTEMS + g]} (the lower triangle is
   * not read) and {@code b_g[i]} at {@code rhs[i*SYSTEMS + g]}, which holds {@code x_g} on return;
   * {@code systems} then holds the factors U (A = U'U), each diagonal element replaced by its
   * reciprocal. Slots of systems past {@code count} are ignored.
   *
   * @throws ArithmeticException if a system is not positive definite
   */
  void solveSystems(double[] systems, double[] rhs, int n, int count);

  /**
   * Fills {@link #solveSystems}'s interleaved {@code systems} for {@code count} systems that share
   * one matrix: element (a, b), b >= a, of system g becomes
   * {@code matrix[matrixOffset + a*matrixStride + b] + corrections[correctionStarts[g] + a*n + b]}
   * (summed in double), plus {@code shifts[g]} on the diagonal. {@code correctionStarts} has
   * {@link #SYSTEMS} entries, each within {@code corrections} with room for n x n after it, also
   * for slots past {@code count}, whose systems may be written with any values.
   */
  void interleaveSystems(float[] matrix, int matrixOffset, int matrixStride, float[] corrections,
      int[] correctionStarts, double[] shifts, int n, int count, double[] systems);

  /**
   * Columns {@code [from, from + width)} of {@code matrix . v_g} for the {@code count} vectors
   * {@code v_g = vectors[offset+g*k..offset+g*k+k)}, for a symmetric row-major k x k
   * {@code matrix}: {@code out[g*outStride + a] = sum_c matrix[c*k + from + a] v_g[c]}, a < width.
   * A block of the subspace solver's gradient, for rows solved together.
   */
  void multiplyColumnSlice(float[] matrix, int k, int from, int width, float[] vectors, int offset, int count,
      float[] out, int outStride);

  /**
   * {@code out[g*k..g*k+k) = matrix . v_g + shifts[g] * v_g} for the {@code count} vectors
   * {@code v_g = vectors[offset+g*k..offset+g*k+k)}, for a symmetric row-major k x k
   * {@code matrix} (so its rows are its columns). A row's result is the same floats whatever
   * {@code count} and whichever rows share the call.
   */

  void symmetricMultiplyRows(float[] matrix, float[] vectors, int offset, int count, float[] shifts, float[] out,
      int k);

  /**
   * Adds {@code row row'} for each of the {@code count} rows stored one after another from
   * {@code rows[offset]} to the row-major k x k {@code sum}: to every cell on and above the
   * diagonal, each cell's terms in row order. Cells below the diagonal are the caller's to fill
   * (by symmetry); an implementation may add to some of them.
   */
  void addOuterProducts(float[] rows, int offset, int count, float[] sum, int k);

  /**
   * The upper triangle of {@code sum_p weights[p] * y_p y_p'} over {@code count} rows
   * {@code y_p = rows[offsets[p]..offsets[p]+k)}, written (not added) to the row-major k x k
   * {@code out} at the cells {@code (a, b)} with {@code b >= a}. Cells left of the diagonal may
   * be overwritten with partial sums, or left as they were: only the upper triangle is defined.
   * The per-row correction {@code Y'(C_u - I)Y} of the exact solver's normal equations.
   */
  void weightedGram(float[] rows, int[] offsets, float[] weights, int count, int k, float[] out);

  /**
   * {@code out[offset..offset+k) += sum_j (offsets[j] + slopes[j] * (row_j . v)) row_j}, with
   * {@code v = vector[offset..offset+k)}, over the
   * {@code count} rows stored one after another from the start of {@code rows} (row j is
   * {@code rows[j*k..j*k+k)}); {@code offsets} null means all zero. One pass of a
   * conjugate-gradient row solve: with the offsets it is the right-hand side minus the data term,
   * without them the data term's product with a search direction.
   */
  void addWeightedRows(float[] rows, int count, int k, float[] offsets, float[] slopes, float[] vector,
      int offset, float[] out);

  /**
   * For i in [0, count) where {@code values[offset + i]} is not NaN:
   * {@code closeness[i] += weight * exp(-(v - mean)^2 * precision)} and {@code weights[i] += weight}.
   * One feature's term of a content score over many tracks at once.
   */
  void addCloseness(float[] values, int offset, int count, float mean, float precision, float weight,
      float[] closeness, float[] weights);

  /**
   * Scores one query vector against panel blocks {@code [blockFrom, blockTo)}:
   * {@code out[outOffset + (b - blockFrom) * 16 + lane] = query . row(b * 16 + lane)}.
   */
  void scorePanels(float[] query, int queryOffset, float[] panels, int k, int blockFrom, int blockTo, float[] out,
      int outOffset);

  /**
   * {@link #scorePanels} for two queries at once (rows {@code firstOffset} and
   * {@code secondOffset} of {@code queries}) into {@code firstOut} and {@code secondOut}: each
   * panel load then feeds two queries, which is what makes a blocked multiply compute bound.
   */
  void scorePanelsPair(float[] queries, int firstOffset, int secondOffset, float[] panels, int k, int blockFrom,
      int blockTo, float[] firstOut, float[] secondOut);

  /**
   * {@link #scorePanels} for four consecutive queries (rows {@code firstOffset},
   * {@code firstOffset + k}, ... of {@code queries}) into {@code out[0..3]}: each panel load feeds
   * four queries, twice the arithmetic per load of {@link #scorePanelsPair}. Every score is the
   * same float {@link #scorePanels} gives (the same FMA chain per lane).
   */
  void scorePanelsQuad(float[] queries, int firstOffset, float[] panels, int k, int blockFrom, int blockTo,
      float[][] out);

  /** {@code max[i] = Math.max(max[i], scores[i])} for i in {@code [0, length)}. */
  void maxInto(float[] scores, float[] max, int length);

  /** {@code values[offset + i] *= factors[factorsOffset + i]} for i in {@code [0, length)}. */
  void multiplyInto(float[] values, int offset, float[] factors, int factorsOffset, int length);

  /** The first index in {@code [from, to)} whose score is strictly above {@code threshold}, else {@code to}. */
  int firstAbove(float[] scores, int from, int to, float threshold);

  /**
   * The index of the largest of {@code scores[0..count)} ({@code count >= 1}), the lowest on a
   * tie: the score a scan keeps when it moves only to a strictly larger one. A NaN is never moved
   * to (so a NaN first score is kept).
   */
  // Not a default method: an interface with one is initialised before its implementing class, and
  // Kernels' initialiser constructs VectorKernels, which then saw its own constants unset.
  int argMax(float[] scores, int count);

  /**
   * How many scores in {@code [from, to)} are strictly above {@code threshold} (high 32 bits) and
   * how many equal it (low 32 bits), in one pass: a rank counted without sorting.
   */
  long countAboveAndEqual(float[] scores, int from, int to, float threshold);

  /** The scalar implementation, for tests and as the fallback. */
  static Kernels scalar() {
    return ScalarKernels.INSTANCE;
  }
}
