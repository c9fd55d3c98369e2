package dev.encore.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the Vector API with 512-bit float vectors (16 lanes, AVX-512 on this project's
 * machines; the API splits them on narrower hardware). Measured 5-13x faster than the scalar
 * loops, which C2 does not auto-vectorise (see ../shared/STACK.md and the JMH benchmarks).
 * Tails shorter than a vector fall back to scalar code.
 *
 * <p>No method here takes or returns a vector: every vector lives inside one method's loop. A
 * helper such as {@code store(FloatVector s0, ...)} is inlined only when C2's profile finds its
 * call site hot, which depends on what ran first; where it was not, C2 boxed each vector it
 * passed and CG at k = 512 ran 3.1 to 3.5 s an iteration instead of 0.45 to 0.58 (3 of 14 runs,
 * a heap allocation for every FMA). {@code VectorKernelsShapeTest} keeps it so.
 */
final class VectorKernels implements Kernels {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_512;
  /** Eight floats, which convert to one vector of eight doubles. */
  private static final VectorSpecies<Float> HALF_FLOATS = FloatVector.SPECIES_256;
  private static final int LANES = SPECIES.length();
  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_512;
  private static final int DOUBLE_LANES = DOUBLES.length();
  /** Elements counted in float lanes before the lanes are summed: the sum stays exact (< 2^24). */
  private static final int COUNT_CHUNK = 1 << 23;
  private static final VectorShuffle<Float> SWAP_8 = VectorShuffle.fromOp(SPECIES, i -> i ^ 8);
  private static final VectorShuffle<Float> SWAP_4 = VectorShuffle.fromOp(SPECIES, i -> i ^ 4);
  private static final VectorShuffle<Float> SWAP_2 = VectorShuffle.fromOp(SPECIES, i -> i ^ 2);
  private static final VectorShuffle<Float> SWAP_1 = VectorShuffle.fromOp(SPECIES, i -> i ^ 1);

  VectorKernels() {
    if (LANES != PANEL_WIDTH) {
      throw new IllegalStateException("panel width " + PANEL_WIDTH + " needs 16-lane vectors");
    }
  }

  @Override
  public String name() {
    return "vector-" + SPECIES.vectorBitSize();
  }

  @Override
  public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    FloatVector sum = FloatVector.zero(SPECIES);
    int i = 0;
    int bound = length - LANES;
    for (; i <= bound; i += LANES) {
      FloatVector va = FloatVector.fromArray(SPECIES, a, aOffset + i);
      FloatVector vb = FloatVector.fromArray(SPECIES, b, bOffset + i);
      sum = va.fma(vb, sum);
    }
    float result = sum.reduceLanes(VectorOperators.ADD);
    for (; i < length; i++) {
      result += a[aOffset + i] * b[bOffset + i];
    }
    return result;
  }

  @Override
  public void axpy(float scale, float[] x, int xOffset, float[] y, int yOffset, int length) {
    FloatVector factor = FloatVector.broadcast(SPECIES, scale);
    int i = 0;
    int bound = length - LANES;
    for (; i <= bound; i += LANES) {
      FloatVector vx = FloatVector.fromArray(SPECIES, x, xOffset + i);
      FloatVector vy = FloatVector.fromArray(SPECIES, y, yOffset + i);
      vx.fma(factor, vy).intoArray(y, yOffset + i);
    }
    for (; i < length; i++) {
      y[yOffset + i] += scale * x[xOffset + i];
    }
  }

  @Override
  public double dot(double[] a, int aOffset, double[] b, int bOffset, int length) {
    DoubleVector sum0 = DoubleVector.zero(DOUBLES);
    DoubleVector sum1 = DoubleVector.zero(DOUBLES);
    int i = 0;
    for (; i <= length - 2 * DOUBLE_LANES; i += 2 * DOUBLE_LANES) {
      sum0 = DoubleVector.fromArray(DOUBLES, a, aOffset + i)
          .fma(DoubleVector.fromArray(DOUBLES, b, bOffset + i), sum0);
      sum1 = DoubleVector.fromArray(DOUBLES, a, aOffset + i + DOUBLE_LANES)
          .fma(DoubleVector.fromArray(DOUBLES, b, bOffset + i + DOUBLE_LANES), sum1);
    }
    for (; i <= length - DOUBLE_LANES; i += DOUBLE_LANES) {
      sum0 = DoubleVector.fromArray(DOUBLES, a, aOffset + i)
          .fma(DoubleVector.fromArray(DOUBLES, b, bOffset + i), sum0);
    }
    double result = sum0.add(sum1).reduceLanes(VectorOperators.ADD);
    for (; i < length; i++) {
      result += a[aOffset + i] * b[bOffset + i];
    }
    return result;
  }

  @Override
  public void axpy(double scale, double[] x, int xOffset, double[] y, int yOffset, int length) {
    DoubleVector factor = DoubleVector.broadcast(DOUBLES, scale);
    int i = 0;
    for (; i <= length - DOUBLE_LANES; i += DOUBLE_LANES) {
      DoubleVector.fromArray(DOUBLES, x, xOffset + i)
          .fma(factor, DoubleVector.fromArray(DOUBLES, y, yOffset + i))
          .intoArray(y, yOffset + i);
    }
    for (; i < length; i++) {
      y[yOffset + i] += scale * x[xOffset + i];
    }
  }

  @Override
  public void weightedGram(float[] rows, int[] offsets, float[] weights, int count, int k, float[] out) {
    // Register tiles of 8 rows x 16 columns of the result, each summed over every entry before
    // it is stored: per entry and tile one vector load, one multiply and 8 FMAs, where adding
    // each entry's outer product to the k x k sum loaded and stored every vector of it (issue 13:
    // the exact solver's build, 4x fewer memory operations per FMA).
    int wholeColumns = k - k % LANES;
    for (int a0 = 0; a0 < k; a0 += 8) {
      int rowsInBlock = Math.min(8, k - a0);
      for (int b0 = a0 - a0 % LANES; b0 < wholeColumns; b0 += LANES) {
        if (rowsInBlock == 8) {
          gramTile8(rows, offsets, weights, count, k, a0, b0, out);
        } else {
          for (int a = a0; a < k; a++) {
            FloatVector sum = FloatVector.zero(SPECIES);
            for (int p = 0; p < count; p++) {
              int row = offsets[p];
              sum = FloatVector.fromArray(SPECIES, rows, row + b0).mul(weights[p] * rows[row + a]).add(sum);
            }
            sum.intoArray(out, a * k + b0);
          }
        }
      }
      for (int a = a0; a < a0 + rowsInBlock; a++) {
        for (int b = Math.max(a, wholeColumns); b < k; b++) {
          float sum = 0f;
          for (int p = 0; p < count; p++) {
            sum += weights[p] * rows[offsets[p] + a] * rows[offsets[p] + b];
          }
          out[a * k + b] = sum;
        }
      }
    }
  }

  private static void gramTile8(float[] rows, int[] offsets, float[] weights, int count, int k, int a0, int b0,
      float[] out) {
    FloatVector s0 = FloatVector.zero(SPECIES);
    FloatVector s1 = s0;
    FloatVector s2 = s0;
    FloatVector s3 = s0;
    FloatVector s4 = s0;
    FloatVector s5 = s0;
    FloatVector s6 = s0;
    FloatVector s7 = s0;
    for (int p = 0; p < count; p++) {
      int row = offsets[p];
      FloatVector weighted = FloatVector.fromArray(SPECIES, rows, row + b0).mul(weights[p]);
      int a = row + a0;
      s0 = weighted.fma(FloatVector.broadcast(SPECIES, rows[a]), s0);
      s1 = weighted.fma(FloatVector.broadcast(SPECIES, rows[a + 1]), s1);
      s2 = weighted.fma(FloatVector.broadcast(SPECIES, rows[a + 2]), s2);
      s3 = weighted.fma(FloatVector.broadcast(SPECIES, rows[a + 3]), s3);
      s4 = weighted.fma(FloatVector.broadcast(SPECIES, rows[a + 4]), s4);
      s5 = weighted.fma(FloatVector.broadcast(SPECIES, rows[a + 5]), s5);
      s6 = weighted.fma(FloatVector.broadcast(SPECIES, rows[a + 6]), s6);
      s7 = weighted.fma(FloatVector.broadcast(SPECIES, rows[a + 7]), s7);
    }
    int cell = a0 * k + b0;
    s0.intoArray(out, cell);
    s1.intoArray(out, cell + k);
    s2.intoArray(out, cell + 2 * k);
    s3.intoArray(out, cell + 3 * k);
    s4.intoArray(out, cell + 4 * k);
    s5.intoArray(out, cell + 5 * k);
    s6.intoArray(out, cell + 6 * k);
    s7.intoArray(out, cell + 7 * k);
  }

  @Override
  public void subtractPivotRows(double[] a, int k, int pivotFrom, int pivotTo, int rowFrom, int rowTo) {
    // Each stretch of row i is loaded and stored once for all the pivots: with eight pivots'
    // multipliers held in registers the update does one store per eight FMAs, and two rows that
    // start at the same column share each load of the pivots' stretch.
    for (int i = rowFrom; i < rowTo; i++) {
      int c = i - i % DOUBLE_LANES;
      boolean twoRows = pivotTo - pivotFrom == 8 && i + 1 < rowTo && (i + 1) % DOUBLE_LANES != 0;
      int end = twoRows ? subtractEightPivotsFromTwoRows(a, k, pivotFrom * k, i, c)
          : subtractPivotsFromRow(a, k, pivotFrom, pivotTo, i, c);
      subtractTail(a, k, pivotFrom, pivotTo, i, end);
      if (twoRows) {
        subtractTail(a, k, pivotFrom, pivotTo, i + 1, end);
        i++;
      }
    }
  }

  /** Row i's whole vectors from column {@code c}, any number of pivots; returns the tail's start. */
  private static int subtractPivotsFromRow(double[] a, int k, int pivotFrom, int pivotTo, int i, int c) {
    int row = i * k;
    for (; c <= k - DOUBLE_LANES; c += DOUBLE_LANES) {
      DoubleVector sum = DoubleVector.fromArray(DOUBLES, a, row + c);
      for (int j = pivotFrom; j < pivotTo; j++) {
        sum = DoubleVector.fromArray(DOUBLES, a, j * k + c).fma(DoubleVector.broadcast(DOUBLES, -a[j * k + i]), sum);
      }
      sum.intoArray(a, row + c);
    }
    return c;
  }

  /** The columns from {@code c} to k of row i that are not a whole vector, one at a time. */
  private static void subtractTail(double[] a, int k, int pivotFrom, int pivotTo, int i, int c) {
    int row = i * k;
    for (; c < k; c++) {
      double sum = a[row + c];
      for (int j = pivotFrom; j < pivotTo; j++) {
        sum -= a[j * k + i] * a[j * k + c];
      }
      a[row + c] = sum;
    }
  }

  /** Rows i and i + 1 (the same starting column) for the eight pivot rows from {@code r0}; returns the tail's start. */
  private static int subtractEightPivotsFromTwoRows(double[] a, int k, int r0, int i, int c) {
    int row = i * k;
    int next = row + k;
    // Sixteen multipliers, eight pivot stretches and two sums: 26 of the 32 vector registers.
    // The multipliers are broadcast as loaded (positive: a negated one is broadcast through a
    // shuffle port) and the products subtracted at the end.
    DoubleVector m0 = DoubleVector.broadcast(DOUBLES, a[r0 + i]);
    DoubleVector m1 = DoubleVector.broadcast(DOUBLES, a[r0 + k + i]);
    DoubleVector m2 = DoubleVector.broadcast(DOUBLES, a[r0 + 2 * k + i]);
    DoubleVector m3 = DoubleVector.broadcast(DOUBLES, a[r0 + 3 * k + i]);
    DoubleVector m4 = DoubleVector.broadcast(DOUBLES, a[r0 + 4 * k + i]);
    DoubleVector m5 = DoubleVector.broadcast(DOUBLES, a[r0 + 5 * k + i]);
    DoubleVector m6 = DoubleVector.broadcast(DOUBLES, a[r0 + 6 * k + i]);
    DoubleVector m7 = DoubleVector.broadcast(DOUBLES, a[r0 + 7 * k + i]);
    DoubleVector n0 = DoubleVector.broadcast(DOUBLES, a[r0 + i + 1]);
    DoubleVector n1 = DoubleVector.broadcast(DOUBLES, a[r0 + k + i + 1]);
    DoubleVector n2 = DoubleVector.broadcast(DOUBLES, a[r0 + 2 * k + i + 1]);
    DoubleVector n3 = DoubleVector.broadcast(DOUBLES, a[r0 + 3 * k + i + 1]);
    DoubleVector n4 = DoubleVector.broadcast(DOUBLES, a[r0 + 4 * k + i + 1]);
    DoubleVector n5 = DoubleVector.broadcast(DOUBLES, a[r0 + 5 * k + i + 1]);
    DoubleVector n6 = DoubleVector.broadcast(DOUBLES, a[r0 + 6 * k + i + 1]);
    DoubleVector n7 = DoubleVector.broadcast(DOUBLES, a[r0 + 7 * k + i + 1]);
    for (; c <= k - DOUBLE_LANES; c += DOUBLE_LANES) {
      DoubleVector p0 = DoubleVector.fromArray(DOUBLES, a, r0 + c);
      DoubleVector p1 = DoubleVector.fromArray(DOUBLES, a, r0 + k + c);
      DoubleVector p2 = DoubleVector.fromArray(DOUBLES, a, r0 + 2 * k + c);
      DoubleVector p3 = DoubleVector.fromArray(DOUBLES, a, r0 + 3 * k + c);
      DoubleVector p4 = DoubleVector.fromArray(DOUBLES, a, r0 + 4 * k + c);
      DoubleVector p5 = DoubleVector.fromArray(DOUBLES, a, r0 + 5 * k + c);
      DoubleVector p6 = DoubleVector.fromArray(DOUBLES, a, r0 + 6 * k + c);
      DoubleVector p7 = DoubleVector.fromArray(DOUBLES, a, r0 + 7 * k + c);
      // Two chains of four per row, so each row's sum waits on four FMAs, not eight.
      DoubleVector.fromArray(DOUBLES, a, row + c)
          .sub(p6.fma(m6, p4.fma(m4, p2.fma(m2, p0.mul(m0)))).add(p7.fma(m7, p5.fma(m5, p3.fma(m3, p1.mul(m1))))))
          .intoArray(a, row + c);
      DoubleVector.fromArray(DOUBLES, a, next + c)
          .sub(p6.fma(n6, p4.fma(n4, p2.fma(n2, p0.mul(n0)))).add(p7.fma(n7, p5.fma(n5, p3.fma(n3, p1.mul(n1))))))
          .intoArray(a, next + c);
    }
    return c;
  }

  @Override
  public void dividePanel(double[] a, int k, int from, int to) {
    int c = to;
    if (to - from == DOUBLE_LANES && to % DOUBLE_LANES == 0) {
      c = divideEightRows(a, k, from, to);
    }
    for (; c < k; c++) {
      for (int j = from; j < to; j++) {
        double x = a[j * k + c];
        for (int p = from; p < j; p++) {
          x -= a[p * k + j] * a[p * k + c];
        }
        a[j * k + c] = x / a[j * k + j];
      }
    }
  }

  /**
   * A full panel's eight rows, one column stretch at a time with all eight rows in registers:
   * stretches are independent, so the block's chain of substitutions overlaps from one stretch
   * to the next (row by row, with the rows stored and read back, the panel took 1.3 us at k = 64).
   */
  private static int divideEightRows(double[] a, int k, int from, int to) {
    int r0 = from * k;
    int r1 = r0 + k;
    int r2 = r1 + k;
    int r3 = r2 + k;
    int r4 = r3 + k;
    int r5 = r4 + k;
    int r6 = r5 + k;
    int r7 = r6 + k;
    int d = from;
    double i0 = 1 / a[r0 + d];
    double i1 = 1 / a[r1 + d + 1];
    double i2 = 1 / a[r2 + d + 2];
    double i3 = 1 / a[r3 + d + 3];
    double i4 = 1 / a[r4 + d + 4];
    double i5 = 1 / a[r5 + d + 5];
    double i6 = 1 / a[r6 + d + 6];
    double i7 = 1 / a[r7 + d + 7];
    int c = to;
    for (; c <= k - DOUBLE_LANES; c += DOUBLE_LANES) {
      DoubleVector x0 = DoubleVector.fromArray(DOUBLES, a, r0 + c).mul(i0);
      DoubleVector x1 = DoubleVector.fromArray(DOUBLES, a, r1 + c).sub(x0.mul(a[r0 + d + 1])).mul(i1);
      DoubleVector x2 = DoubleVector.fromArray(DOUBLES, a, r2 + c).sub(x0.mul(a[r0 + d + 2]))
          .sub(x1.mul(a[r1 + d + 2])).mul(i2);
      DoubleVector x3 = DoubleVector.fromArray(DOUBLES, a, r3 + c).sub(x0.mul(a[r0 + d + 3]))
          .sub(x1.mul(a[r1 + d + 3]).add(x2.mul(a[r2 + d + 3]))).mul(i3);
      DoubleVector x4 = DoubleVector.fromArray(DOUBLES, a, r4 + c).sub(x0.mul(a[r0 + d + 4]).add(x1.mul(a[r1 + d + 4])))
          .sub(x2.mul(a[r2 + d + 4]).add(x3.mul(a[r3 + d + 4]))).mul(i4);
      DoubleVector x5 = DoubleVector.fromArray(DOUBLES, a, r5 + c).sub(x0.mul(a[r0 + d + 5]).add(x1.mul(a[r1 + d + 5])))
          .sub(x2.mul(a[r2 + d + 5]).add(x3.mul(a[r3 + d + 5])).add(x4.mul(a[r4 + d + 5]))).mul(i5);
      DoubleVector x6 = DoubleVector.fromArray(DOUBLES, a, r6 + c)
          .sub(x0.mul(a[r0 + d + 6]).add(x1.mul(a[r1 + d + 6])).add(x2.mul(a[r2 + d + 6])))
          .sub(x3.mul(a[r3 + d + 6]).add(x4.mul(a[r4 + d + 6])).add(x5.mul(a[r5 + d + 6]))).mul(i6);
      DoubleVector x7 = DoubleVector.fromArray(DOUBLES, a, r7 + c)
          .sub(x0.mul(a[r0 + d + 7]).add(x1.mul(a[r1 + d + 7])).add(x2.mul(a[r2 + d + 7])))
          .sub(x3.mul(a[r3 + d + 7]).add(x4.mul(a[r4 + d + 7])).add(x5.mul(a[r5 + d + 7])))
          .sub(x6.mul(a[r6 + d + 7])).mul(i7);
      x0.intoArray(a, r0 + c);
      x1.intoArray(a, r1 + c);
      x2.intoArray(a, r2 + c);
      x3.intoArray(a, r3 + c);
      x4.intoArray(a, r4 + c);
      x5.intoArray(a, r5 + c);
      x6.intoArray(a, r6 + c);
      x7.intoArray(a, r7 + c);
    }
    return c;
  }

  @Override
  public void subtractPanelProduct(double[] factor, int k, int from, int to, double[] b) {
    int c = to;
    if (to - from == DOUBLE_LANES && to % DOUBLE_LANES == 0) {
      int r0 = from * k;
      DoubleVector m0 = DoubleVector.broadcast(DOUBLES, -b[from]);
      DoubleVector m1 = DoubleVector.broadcast(DOUBLES, -b[from + 1]);
      DoubleVector m2 = DoubleVector.broadcast(DOUBLES, -b[from + 2]);
      DoubleVector m3 = DoubleVector.broadcast(DOUBLES, -b[from + 3]);
      DoubleVector m4 = DoubleVector.broadcast(DOUBLES, -b[from + 4]);
      DoubleVector m5 = DoubleVector.broadcast(DOUBLES, -b[from + 5]);
      DoubleVector m6 = DoubleVector.broadcast(DOUBLES, -b[from + 6]);
      DoubleVector m7 = DoubleVector.broadcast(DOUBLES, -b[from + 7]);
      for (; c <= k - DOUBLE_LANES; c += DOUBLE_LANES) {
        DoubleVector even = DoubleVector.fromArray(DOUBLES, factor, r0 + c).fma(m0, DoubleVector.fromArray(DOUBLES, b, c));
        even = DoubleVector.fromArray(DOUBLES, factor, r0 + 2 * k + c).fma(m2, even);
        even = DoubleVector.fromArray(DOUBLES, factor, r0 + 4 * k + c).fma(m4, even);
        even = DoubleVector.fromArray(DOUBLES, factor, r0 + 6 * k + c).fma(m6, even);
        DoubleVector odd = DoubleVector.fromArray(DOUBLES, factor, r0 + k + c).mul(m1);
        odd = DoubleVector.fromArray(DOUBLES, factor, r0 + 3 * k + c).fma(m3, odd);
        odd = DoubleVector.fromArray(DOUBLES, factor, r0 + 5 * k + c).fma(m5, odd);
        odd = DoubleVector.fromArray(DOUBLES, factor, r0 + 7 * k + c).fma(m7, odd);
        even.add(odd).intoArray(b, c);
      }
    }
    for (; c < k; c++) {
      double sum = b[c];
      for (int p = from; p < to; p++) {
        sum -= b[p] * factor[p * k + c];
      }
      b[c] = sum;
    }
  }

  @Override
  public void subtractTailProducts(double[] factor, int k, int from, int to, double[] b) {
    int c = to;
    if (to - from == DOUBLE_LANES && to % DOUBLE_LANES == 0 && c <= k - DOUBLE_LANES) {
      int r0 = from * k;
      DoubleVector s0 = DoubleVector.zero(DOUBLES);
      DoubleVector s1 = s0;
      DoubleVector s2 = s0;
      DoubleVector s3 = s0;
      DoubleVector s4 = s0;
      DoubleVector s5 = s0;
      DoubleVector s6 = s0;
      DoubleVector s7 = s0;
      for (; c <= k - DOUBLE_LANES; c += DOUBLE_LANES) {
        DoubleVector v = DoubleVector.fromArray(DOUBLES, b, c);
        s0 = DoubleVector.fromArray(DOUBLES, factor, r0 + c).fma(v, s0);
        s1 = DoubleVector.fromArray(DOUBLES, factor, r0 + k + c).fma(v, s1);
        s2 = DoubleVector.fromArray(DOUBLES, factor, r0 + 2 * k + c).fma(v, s2);
        s3 = DoubleVector.fromArray(DOUBLES, factor, r0 + 3 * k + c).fma(v, s3);
        s4 = DoubleVector.fromArray(DOUBLES, factor, r0 + 4 * k + c).fma(v, s4);
        s5 = DoubleVector.fromArray(DOUBLES, factor, r0 + 5 * k + c).fma(v, s5);
        s6 = DoubleVector.fromArray(DOUBLES, factor, r0 + 6 * k + c).fma(v, s6);
        s7 = DoubleVector.fromArray(DOUBLES, factor, r0 + 7 * k + c).fma(v, s7);
      }
      b[from + 0] -= s0.reduceLanes(VectorOperators.ADD);
      b[from + 1] -= s1.reduceLanes(VectorOperators.ADD);
      b[from + 2] -= s2.reduceLanes(VectorOperators.ADD);
      b[from + 3] -= s3.reduceLanes(VectorOperators.ADD);
      b[from + 4] -= s4.reduceLanes(VectorOperators.ADD);
      b[from + 5] -= s5.reduceLanes(VectorOperators.ADD);
      b[from + 6] -= s6.reduceLanes(VectorOperators.ADD);
      b[from + 7] -= s7.reduceLanes(VectorOperators.ADD);
    }
    for (; c < k; c++) {
      for (int j = from; j < to; j++) {
        b[j] -= factor[j * k + c] * b[c];
      }
    }
  }

  /**
   * Four rows share each pass over the matrix: every load of a 32-column slice of a matrix row
   * feeds eight FMA chains (four rows by two vectors). One row at a time read the whole matrix
   * for every row and CG step, which at k = 128 (64 KB, past L1) took 786 ns a call against 121 ns
   * at k = 64, and put Encore's CG behind implicit's at k = 256. Four rows by four vectors kept
   * sixteen sums live, which C2 spilled (1.7 us for four rows at k = 64, against 0.3 us now); two
   * rows by four read the matrix twice per four rows (7.3 against 4.4 us at k = 256). A row's sums
   * run over b in order whichever rows share its pass, so its floats do not depend on the
   * grouping; rows left over after the fours go one at a time in the same order.
   */
  /**
   * Sixteen columns at a time, the sum held in a register across all the rows: one {@code axpy}
   * call a row loaded and stored the sum each time, so each row waited on the previous one's
   * store (the subspace solver's data term, 12% of its time at k = 512).
   */
  @Override
  public void addWeightedSlices(float[] rows, int[] offsets, float[] weights, int count, int width, float[] out,
      int outOffset) {
    int a = 0;
    for (; a + LANES <= width; a += LANES) {
      FloatVector sum = FloatVector.fromArray(SPECIES, out, outOffset + a);
      for (int e = 0; e < count; e++) {
        sum = FloatVector.fromArray(SPECIES, rows, offsets[e] + a).fma(FloatVector.broadcast(SPECIES, weights[e]), sum);
      }
      sum.intoArray(out, outOffset + a);
    }
    for (; a < width; a++) {
      float sum = out[outOffset + a];
      for (int e = 0; e < count; e++) {
        sum += weights[e] * rows[offsets[e] + a];
      }
      out[outOffset + a] = sum;
    }
  }

  /**
   * For 16-column dot products, each row's products summed by a tree of lane swaps instead of
   * {@code reduceLanes}, whose sixteen dependent additions made each of the subspace solver's
   * score updates (13% of its time at k = 512, b = 16) wait; other widths go by {@link #dot}.
   */
  @Override
  public void addDots(float[] rows, int[] offsets, int from, int count, int column, float[] vector, int vectorOffset,
      int width, float[] out) {
    if (width != LANES) {
      for (int e = from; e < from + count; e++) {
        out[e] += dot(rows, offsets[e] + column, vector, vectorOffset, width);
      }
      return;
    }
    FloatVector v = FloatVector.fromArray(SPECIES, vector, vectorOffset);
    for (int e = from; e < from + count; e++) {
      FloatVector lanes = FloatVector.fromArray(SPECIES, rows, offsets[e] + column).mul(v);
      lanes = lanes.add(lanes.rearrange(SWAP_8));
      lanes = lanes.add(lanes.rearrange(SWAP_4));
      lanes = lanes.add(lanes.rearrange(SWAP_2));
      out[e] += lanes.add(lanes.rearrange(SWAP_1)).lane(0);
    }
  }

  /**
   * One system a lane of an eight-lane double vector, so the factorisation and both substitutions
   * run on all eight at once with no horizontal step; the subspace solver factorised its 16 x 16
   * blocks one at a time, in scalar code, which was 44% of its time at k = 512 (b = 16). The
   * operations are the scalar kernel's, in its order.
   */
  @Override
  public void solveSystems(double[] systems, double[] rhs, int n, int count) {
    if (DOUBLE_LANES != SYSTEMS) {
      Kernels.scalar().solveSystems(systems, rhs, n, count);
      return;
    }
    VectorMask<Double> used = DOUBLES.indexInRange(0, count);
    for (int j = 0; j < n; j++) {
      int pivot = (j * n + j) * SYSTEMS;
      DoubleVector diagonal = DoubleVector.fromArray(DOUBLES, systems, pivot);
      if (diagonal.compare(VectorOperators.GT, 0.0).not().and(used).anyTrue()) {
        for (int g = 0; g < count; g++) {
          Cholesky.requirePositivePivot(systems[pivot + g], j, g);
        }
      }
      DoubleVector root = diagonal.lanewise(VectorOperators.SQRT);
      // The pivot's reciprocal is kept on the diagonal: one division a pivot, and multiplications
      // after it (a vector division costs about sixteen multiplications' time).
      DoubleVector inverse = DoubleVector.broadcast(DOUBLES, 1.0).div(root);
      inverse.intoArray(systems, pivot);
      for (int c = j + 1; c < n; c++) {
        int at = (j * n + c) * SYSTEMS;
        DoubleVector.fromArray(DOUBLES, systems, at).mul(inverse).intoArray(systems, at);
      }
      for (int i = j + 1; i < n; i++) {
        DoubleVector u = DoubleVector.fromArray(DOUBLES, systems, (j * n + i) * SYSTEMS).neg();
        for (int c = i; c < n; c++) {
          int at = (i * n + c) * SYSTEMS;
          DoubleVector.fromArray(DOUBLES, systems, (j * n + c) * SYSTEMS)
              .fma(u, DoubleVector.fromArray(DOUBLES, systems, at)).intoArray(systems, at);
        }
      }
    }
    for (int j = 0; j < n; j++) {
      DoubleVector y = DoubleVector.fromArray(DOUBLES, rhs, j * SYSTEMS)
          .mul(DoubleVector.fromArray(DOUBLES, systems, (j * n + j) * SYSTEMS));
      y.intoArray(rhs, j * SYSTEMS);
      DoubleVector minusY = y.neg();
      for (int i = j + 1; i < n; i++) {
        DoubleVector.fromArray(DOUBLES, systems, (j * n + i) * SYSTEMS)
            .fma(minusY, DoubleVector.fromArray(DOUBLES, rhs, i * SYSTEMS)).intoArray(rhs, i * SYSTEMS);
      }
    }
    for (int i = n - 1; i >= 0; i--) {
      DoubleVector x = DoubleVector.fromArray(DOUBLES, rhs, i * SYSTEMS)
          .mul(DoubleVector.fromArray(DOUBLES, systems, (i * n + i) * SYSTEMS));
      x.intoArray(rhs, i * SYSTEMS);
      DoubleVector minusX = x.neg();
      for (int p = 0; p < i; p++) {
        DoubleVector.fromArray(DOUBLES, systems, (p * n + i) * SYSTEMS)
            .fma(minusX, DoubleVector.fromArray(DOUBLES, rhs, p * SYSTEMS)).intoArray(rhs, p * SYSTEMS);
      }
    }
  }

  /**
   * Element by element, all eight systems at once: their corrections gathered into one vector,
   * converted to double, the shared matrix element added, one contiguous store. Writing each
   * system into its slots, one scattered store per eight of its elements, was a fifth of the
   * subspace solver's time at k = 512 (b = 16).
   */
  @Override
  public void interleaveSystems(float[] matrix, int matrixOffset, int matrixStride, float[] corrections,
      int[] correctionStarts, double[] shifts, int n, int count, double[] systems) {
    if (DOUBLE_LANES != SYSTEMS) {
      Kernels.scalar().interleaveSystems(matrix, matrixOffset, matrixStride, corrections, correctionStarts, shifts,
          n, count, systems);
      return;
    }
    DoubleVector diagonalShifts = DoubleVector.fromArray(DOUBLES, shifts, 0);
    for (int a = 0; a < n; a++) {
      int at = matrixOffset + a * matrixStride;
      for (int b = a; b < n; b++) {
        DoubleVector element = ((DoubleVector) FloatVector.fromArray(HALF_FLOATS, corrections, a * n + b,
            correctionStarts, 0).convertShape(VectorOperators.F2D, DOUBLES, 0)).add(matrix[at + b]);
        if (a == b) {
          element = element.add(diagonalShifts);
        }
        element.intoArray(systems, (a * n + b) * SYSTEMS);
      }
    }
  }

  /**
   * Eight vectors a pass, sixteen columns at a time: each load of a matrix row's sixteen columns
   * feeds eight FMA chains (one chain a vector would wait on its own FMA latency). The subspace
   * solver formed this block of its gradient by one dot product per column and row, which was
   * 40% of its time at k = 512. Vectors past the last eight, and columns past the last sixteen,
   * go by the scalar loop.
   */
  @Override
  public void multiplyColumnSlice(float[] matrix, int k, int from, int width, float[] vectors, int offset, int count,
      float[] out, int outStride) {
    int vectorWidth = width / LANES * LANES;
    int g = 0;
    for (; g + 8 <= count && vectorWidth > 0; g += 8) {
      int v = offset + g * k;
      for (int a = 0; a < vectorWidth; a += LANES) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        FloatVector s4 = s0;
        FloatVector s5 = s0;
        FloatVector s6 = s0;
        FloatVector s7 = s0;
        for (int c = 0, row = from + a; c < k; c++, row += k) {
          FloatVector m = FloatVector.fromArray(SPECIES, matrix, row);
          s0 = m.fma(FloatVector.broadcast(SPECIES, vectors[v + c]), s0);
          s1 = m.fma(FloatVector.broadcast(SPECIES, vectors[v + k + c]), s1);
          s2 = m.fma(FloatVector.broadcast(SPECIES, vectors[v + 2 * k + c]), s2);
          s3 = m.fma(FloatVector.broadcast(SPECIES, vectors[v + 3 * k + c]), s3);
          s4 = m.fma(FloatVector.broadcast(SPECIES, vectors[v + 4 * k + c]), s4);
          s5 = m.fma(FloatVector.broadcast(SPECIES, vectors[v + 5 * k + c]), s5);
          s6 = m.fma(FloatVector.broadcast(SPECIES, vectors[v + 6 * k + c]), s6);
          s7 = m.fma(FloatVector.broadcast(SPECIES, vectors[v + 7 * k + c]), s7);
        }
        int o = g * outStride + a;
        s0.intoArray(out, o);
        s1.intoArray(out, o + outStride);
        s2.intoArray(out, o + 2 * outStride);
        s3.intoArray(out, o + 3 * outStride);
        s4.intoArray(out, o + 4 * outStride);
        s5.intoArray(out, o + 5 * outStride);
        s6.intoArray(out, o + 6 * outStride);
        s7.intoArray(out, o + 7 * outStride);
      }
      ScalarKernels.multiplyColumnSliceByRows(matrix, k, from + vectorWidth, width - vectorWidth, vectors, offset,
          g, g + 8, out, vectorWidth, outStride);
    }
    // Fewer than eight left (a task's last rows): one chain a vector, still sixteen columns a step.
    for (; g < count && vectorWidth > 0; g++) {
      int v = offset + g * k;
      for (int a = 0; a < vectorWidth; a += LANES) {
        FloatVector sum = FloatVector.zero(SPECIES);
        for (int c = 0, row = from + a; c < k; c++, row += k) {
          sum = FloatVector.fromArray(SPECIES, matrix, row).fma(FloatVector.broadcast(SPECIES, vectors[v + c]), sum);
        }
        sum.intoArray(out, g * outStride + a);
      }
      ScalarKernels.multiplyColumnSliceByRows(matrix, k, from + vectorWidth, width - vectorWidth, vectors, offset,
          g, g + 1, out, vectorWidth, outStride);
    }
    ScalarKernels.multiplyColumnSliceByRows(matrix, k, from, width, vectors, offset, g, count, out, 0, outStride);
  }

  @Override
  public void symmetricMultiplyRows(float[] matrix, float[] vectors, int offset, int count, float[] shifts,
      float[] out, int k) {
    if (k % (4 * LANES) != 0) {
      for (int g = 0; g < count; g++) {
        symmetricMultiplyByChunk(matrix, vectors, offset + g * k, shifts[g], out, g * k, k);
      }
      return;
    }
    FloatVector zero = FloatVector.zero(SPECIES);
    int first = 0;
    for (; first + 3 < count; first += 4) {
      int v0 = offset + first * k;
      int v1 = v0 + k;
      int v2 = v1 + k;
      int v3 = v2 + k;
      for (int column = 0; column < k; column += 2 * LANES) {
        FloatVector s00 = zero;
        FloatVector s01 = zero;
        FloatVector s10 = zero;
        FloatVector s11 = zero;
        FloatVector s20 = zero;
        FloatVector s21 = zero;
        FloatVector s30 = zero;
        FloatVector s31 = zero;
        for (int b = 0; b < k; b++) {
          int row = b * k + column;
          FloatVector m0 = FloatVector.fromArray(SPECIES, matrix, row);
          FloatVector m1 = FloatVector.fromArray(SPECIES, matrix, row + LANES);
          FloatVector x = FloatVector.broadcast(SPECIES, vectors[v0 + b]);
          s00 = m0.fma(x, s00);
          s01 = m1.fma(x, s01);
          x = FloatVector.broadcast(SPECIES, vectors[v1 + b]);
          s10 = m0.fma(x, s10);
          s11 = m1.fma(x, s11);
          x = FloatVector.broadcast(SPECIES, vectors[v2 + b]);
          s20 = m0.fma(x, s20);
          s21 = m1.fma(x, s21);
          x = FloatVector.broadcast(SPECIES, vectors[v3 + b]);
          s30 = m0.fma(x, s30);
          s31 = m1.fma(x, s31);
        }
        FloatVector shift0 = FloatVector.broadcast(SPECIES, shifts[first]);
        FloatVector.fromArray(SPECIES, vectors, v0 + column).fma(shift0, s00).intoArray(out, first * k + column);
        FloatVector.fromArray(SPECIES, vectors, v0 + column + LANES).fma(shift0, s01)
            .intoArray(out, first * k + column + LANES);
        FloatVector shift1 = FloatVector.broadcast(SPECIES, shifts[first + 1]);
        FloatVector.fromArray(SPECIES, vectors, v1 + column).fma(shift1, s10).intoArray(out, (first + 1) * k + column);
        FloatVector.fromArray(SPECIES, vectors, v1 + column + LANES).fma(shift1, s11)
            .intoArray(out, (first + 1) * k + column + LANES);
        FloatVector shift2 = FloatVector.broadcast(SPECIES, shifts[first + 2]);
        FloatVector.fromArray(SPECIES, vectors, v2 + column).fma(shift2, s20).intoArray(out, (first + 2) * k + column);
        FloatVector.fromArray(SPECIES, vectors, v2 + column + LANES).fma(shift2, s21)
            .intoArray(out, (first + 2) * k + column + LANES);
        FloatVector shift3 = FloatVector.broadcast(SPECIES, shifts[first + 3]);
        FloatVector.fromArray(SPECIES, vectors, v3 + column).fma(shift3, s30).intoArray(out, (first + 3) * k + column);
        FloatVector.fromArray(SPECIES, vectors, v3 + column + LANES).fma(shift3, s31)
            .intoArray(out, (first + 3) * k + column + LANES);
      }
    }
    for (; first < count; first++) {
      symmetricMultiplyOneRow(matrix, vectors, offset + first * k, shifts[first], out, first * k, k);
    }
  }

  /** One row alone, its sums taken in the same order as when it shares a pass with others. */
  private static void symmetricMultiplyOneRow(float[] matrix, float[] vectors, int vector, float shift, float[] out,
      int outOffset, int k) {
    FloatVector zero = FloatVector.zero(SPECIES);
    for (int chunk = 0; chunk < k; chunk += 4 * LANES) {
      FloatVector s0 = zero;
      FloatVector s1 = zero;
      FloatVector s2 = zero;
      FloatVector s3 = zero;
      for (int b = 0; b < k; b++) {
        int row = b * k + chunk;
        FloatVector x = FloatVector.broadcast(SPECIES, vectors[vector + b]);
        s0 = FloatVector.fromArray(SPECIES, matrix, row).fma(x, s0);
        s1 = FloatVector.fromArray(SPECIES, matrix, row + LANES).fma(x, s1);
        s2 = FloatVector.fromArray(SPECIES, matrix, row + 2 * LANES).fma(x, s2);
        s3 = FloatVector.fromArray(SPECIES, matrix, row + 3 * LANES).fma(x, s3);
      }
      FloatVector scale = FloatVector.broadcast(SPECIES, shift);
      int from = vector + chunk;
      int to = outOffset + chunk;
      FloatVector.fromArray(SPECIES, vectors, from).fma(scale, s0).intoArray(out, to);
      FloatVector.fromArray(SPECIES, vectors, from + LANES).fma(scale, s1).intoArray(out, to + LANES);
      FloatVector.fromArray(SPECIES, vectors, from + 2 * LANES).fma(scale, s2).intoArray(out, to + 2 * LANES);
      FloatVector.fromArray(SPECIES, vectors, from + 3 * LANES).fma(scale, s3).intoArray(out, to + 3 * LANES);
    }
  }


  /** Any k: one column chunk of 16 outputs at a time, then the tail by dot products. */
  private void symmetricMultiplyByChunk(float[] matrix, float[] vector, int offset, float shift, float[] out,
      int outOffset, int k) {
    int chunk = 0;
    int bound = k - LANES;
    for (; chunk <= bound; chunk += LANES) {
      FloatVector sum = FloatVector.fromArray(SPECIES, vector, offset + chunk).mul(shift);
      for (int b = 0; b < k; b++) {
        FloatVector column = FloatVector.fromArray(SPECIES, matrix, b * k + chunk);
        sum = column.fma(FloatVector.broadcast(SPECIES, vector[offset + b]), sum);
      }
      sum.intoArray(out, outOffset + chunk);
    }
    for (int a = chunk; a < k; a++) {
      out[outOffset + a] = dot(matrix, a * k, vector, offset, k) + shift * vector[offset + a];
    }
  }

  /**
   * For k of 16 to 128 in whole vectors, the vector and the sum stay in registers for the whole
   * pass and each row is loaded once for its dot product and its update, and each dot product is
   * summed by a tree of lane swaps (a tree of swaps and adds) rather than {@code reduceLanes}, which JDK 17
   * compiles to sixteen ordered scalar adds. Against a dot and an axpy call per row, one pass over
   * 64 rows takes 245 instead of 958 ns (KernelBenchmark.cgPass*; 496 ns with reduceLanes). Larger
   * k sum each dot product the same way, then add the row.
   */
  @Override
  public void addWeightedRows(float[] rows, int count, int k, float[] offsets, float[] slopes, float[] vector,
      int offset, float[] out) {
    if (k % LANES != 0) {
      for (int j = 0; j < count; j++) {
        float along = dot(rows, j * k, vector, offset, k);
        axpy((offsets == null ? 0f : offsets[j]) + slopes[j] * along, rows, j * k, out, offset, k);
      }
      return;
    }
    if (k == 8 * LANES) {
      addWeightedRowsOf128(rows, count, offsets, slopes, vector, offset, out);
      return;
    }
    if (k % (8 * LANES) == 0) {
      addWeightedRowsBy128(rows, count, k, offsets, slopes, vector, offset, out);
      return;
    }
    if (k > 4 * LANES) {
      addWeightedLongRows(rows, count, k, offsets, slopes, vector, offset, out);
      return;
    }
    int vectors = k / LANES;
    FloatVector zero = FloatVector.zero(SPECIES);
    FloatVector v0 = FloatVector.fromArray(SPECIES, vector, offset);
    FloatVector v1 = vectors > 1 ? FloatVector.fromArray(SPECIES, vector, offset + LANES) : zero;
    FloatVector v2 = vectors > 2 ? FloatVector.fromArray(SPECIES, vector, offset + 2 * LANES) : zero;
    FloatVector v3 = vectors > 3 ? FloatVector.fromArray(SPECIES, vector, offset + 3 * LANES) : zero;
    FloatVector s0 = FloatVector.fromArray(SPECIES, out, offset);
    FloatVector s1 = vectors > 1 ? FloatVector.fromArray(SPECIES, out, offset + LANES) : zero;
    FloatVector s2 = vectors > 2 ? FloatVector.fromArray(SPECIES, out, offset + 2 * LANES) : zero;
    FloatVector s3 = vectors > 3 ? FloatVector.fromArray(SPECIES, out, offset + 3 * LANES) : zero;
    for (int j = 0, base = 0; j < count; j++, base += k) {
      FloatVector y0 = FloatVector.fromArray(SPECIES, rows, base);
      FloatVector y1 = vectors > 1 ? FloatVector.fromArray(SPECIES, rows, base + LANES) : zero;
      FloatVector y2 = vectors > 2 ? FloatVector.fromArray(SPECIES, rows, base + 2 * LANES) : zero;
      FloatVector y3 = vectors > 3 ? FloatVector.fromArray(SPECIES, rows, base + 3 * LANES) : zero;
      FloatVector lanes = y0.mul(v0).add(y1.mul(v1)).add(y2.fma(v2, y3.mul(v3)));
      lanes = lanes.add(lanes.rearrange(SWAP_8));
      lanes = lanes.add(lanes.rearrange(SWAP_4));
      lanes = lanes.add(lanes.rearrange(SWAP_2));
      float along = lanes.add(lanes.rearrange(SWAP_1)).lane(0);
      FloatVector weight = FloatVector.broadcast(SPECIES, (offsets == null ? 0f : offsets[j]) + slopes[j] * along);
      s0 = y0.fma(weight, s0);
      s1 = y1.fma(weight, s1);
      s2 = y2.fma(weight, s2);
      s3 = y3.fma(weight, s3);
    }
    s0.intoArray(out, offset);
    if (vectors > 1) {
      s1.intoArray(out, offset + LANES);
    }
    if (vectors > 2) {
      s2.intoArray(out, offset + 2 * LANES);
    }
    if (vectors > 3) {
      s3.intoArray(out, offset + 3 * LANES);
    }
  }

  /** k = 128: the vector and the sums in sixteen registers for the whole pass, as for k up to 64. */
  private static void addWeightedRowsOf128(float[] rows, int count, float[] offsets, float[] slopes, float[] vector,
      int offset, float[] out) {
    FloatVector v0 = FloatVector.fromArray(SPECIES, vector, offset);
    FloatVector v1 = FloatVector.fromArray(SPECIES, vector, offset + LANES);
    FloatVector v2 = FloatVector.fromArray(SPECIES, vector, offset + 2 * LANES);
    FloatVector v3 = FloatVector.fromArray(SPECIES, vector, offset + 3 * LANES);
    FloatVector v4 = FloatVector.fromArray(SPECIES, vector, offset + 4 * LANES);
    FloatVector v5 = FloatVector.fromArray(SPECIES, vector, offset + 5 * LANES);
    FloatVector v6 = FloatVector.fromArray(SPECIES, vector, offset + 6 * LANES);
    FloatVector v7 = FloatVector.fromArray(SPECIES, vector, offset + 7 * LANES);
    FloatVector s0 = FloatVector.fromArray(SPECIES, out, offset);
    FloatVector s1 = FloatVector.fromArray(SPECIES, out, offset + LANES);
    FloatVector s2 = FloatVector.fromArray(SPECIES, out, offset + 2 * LANES);
    FloatVector s3 = FloatVector.fromArray(SPECIES, out, offset + 3 * LANES);
    FloatVector s4 = FloatVector.fromArray(SPECIES, out, offset + 4 * LANES);
    FloatVector s5 = FloatVector.fromArray(SPECIES, out, offset + 5 * LANES);
    FloatVector s6 = FloatVector.fromArray(SPECIES, out, offset + 6 * LANES);
    FloatVector s7 = FloatVector.fromArray(SPECIES, out, offset + 7 * LANES);
    for (int j = 0, base = 0; j < count; j++, base += 8 * LANES) {
      FloatVector y0 = FloatVector.fromArray(SPECIES, rows, base);
      FloatVector y1 = FloatVector.fromArray(SPECIES, rows, base + LANES);
      FloatVector y2 = FloatVector.fromArray(SPECIES, rows, base + 2 * LANES);
      FloatVector y3 = FloatVector.fromArray(SPECIES, rows, base + 3 * LANES);
      FloatVector y4 = FloatVector.fromArray(SPECIES, rows, base + 4 * LANES);
      FloatVector y5 = FloatVector.fromArray(SPECIES, rows, base + 5 * LANES);
      FloatVector y6 = FloatVector.fromArray(SPECIES, rows, base + 6 * LANES);
      FloatVector y7 = FloatVector.fromArray(SPECIES, rows, base + 7 * LANES);
      FloatVector even = y0.mul(v0).add(y2.mul(v2)).add(y4.fma(v4, y6.mul(v6)));
      FloatVector odd = y1.mul(v1).add(y3.mul(v3)).add(y5.fma(v5, y7.mul(v7)));
      FloatVector lanes = even.add(odd);
      lanes = lanes.add(lanes.rearrange(SWAP_8));
      lanes = lanes.add(lanes.rearrange(SWAP_4));
      lanes = lanes.add(lanes.rearrange(SWAP_2));
      float along = lanes.add(lanes.rearrange(SWAP_1)).lane(0);
      FloatVector weight = FloatVector.broadcast(SPECIES, (offsets == null ? 0f : offsets[j]) + slopes[j] * along);
      s0 = y0.fma(weight, s0);
      s1 = y1.fma(weight, s1);
      s2 = y2.fma(weight, s2);
      s3 = y3.fma(weight, s3);
      s4 = y4.fma(weight, s4);
      s5 = y5.fma(weight, s5);
      s6 = y6.fma(weight, s6);
      s7 = y7.fma(weight, s7);
    }
    s0.intoArray(out, offset);
    s1.intoArray(out, offset + LANES);
    s2.intoArray(out, offset + 2 * LANES);
    s3.intoArray(out, offset + 3 * LANES);
    s4.intoArray(out, offset + 4 * LANES);
    s5.intoArray(out, offset + 5 * LANES);
    s6.intoArray(out, offset + 6 * LANES);
    s7.intoArray(out, offset + 7 * LANES);
  }

  /** Per-thread room for the dot products of {@link #addWeightedRowsBy128}: kernels are shared by threads. */
  private static final ThreadLocal<float[]> WEIGHTS = ThreadLocal.withInitial(() -> new float[64]);

  private static float[] weightScratch(int count) {
    float[] weights = WEIGHTS.get();
    if (weights.length < count) {
      weights = new float[Math.max(count, 2 * weights.length)];
      WEIGHTS.set(weights);
    }
    return weights;
  }

  /**
   * k a multiple of 128 above it: the rows' dot products summed 128 columns at a time with those
   * columns of the vector in registers, then the rows added 128 columns at a time with those sums
   * in registers. Each row is read twice per 128 columns, where the row-at-a-time pass reloaded
   * the vector and loaded and stored the sums for every row.
   */
  private static void addWeightedRowsBy128(float[] rows, int count, int k, float[] offsets, float[] slopes, float[] vector,
      int offset, float[] out) {
    // A batch of rows small enough to stay in L1 between its two passes: a CG row of 160 plays
    // gathered at k = 256 is 160 KB, so a pass over all of it read every row from L2 twice.
    int batch = Math.max(8, L1_BATCH_FLOATS / k);
    for (int first = 0; first < count; first += batch) {
      addWeightedBatchBy128(rows, first, Math.min(count, first + batch), k, offsets, slopes, vector, offset, out);
    }
  }

  /** Floats of gathered rows per batch of {@link #addWeightedRowsBy128}: 32 KB of a 48 KB L1. */
  private static final int L1_BATCH_FLOATS = 8192;

  /** {@link #addWeightedRowsBy128} for rows {@code [first, end)}. */
  private static void addWeightedBatchBy128(float[] rows, int first, int end, int k, float[] offsets, float[] slopes,
      float[] vector, int offset, float[] out) {
    float[] weights = weightScratch(end);
    java.util.Arrays.fill(weights, first, end, 0f);
    int width = 8 * LANES;
    for (int from = 0; from < k; from += width) {
      FloatVector v0 = FloatVector.fromArray(SPECIES, vector, offset + from);
      FloatVector v1 = FloatVector.fromArray(SPECIES, vector, offset + from + LANES);
      FloatVector v2 = FloatVector.fromArray(SPECIES, vector, offset + from + 2 * LANES);
      FloatVector v3 = FloatVector.fromArray(SPECIES, vector, offset + from + 3 * LANES);
      FloatVector v4 = FloatVector.fromArray(SPECIES, vector, offset + from + 4 * LANES);
      FloatVector v5 = FloatVector.fromArray(SPECIES, vector, offset + from + 5 * LANES);
      FloatVector v6 = FloatVector.fromArray(SPECIES, vector, offset + from + 6 * LANES);
      FloatVector v7 = FloatVector.fromArray(SPECIES, vector, offset + from + 7 * LANES);
      for (int j = first, base = first * k + from; j < end; j++, base += k) {
        FloatVector even = FloatVector.fromArray(SPECIES, rows, base).mul(v0)
            .add(FloatVector.fromArray(SPECIES, rows, base + 2 * LANES).mul(v2))
            .add(FloatVector.fromArray(SPECIES, rows, base + 4 * LANES)
                .fma(v4, FloatVector.fromArray(SPECIES, rows, base + 6 * LANES).mul(v6)));
        FloatVector odd = FloatVector.fromArray(SPECIES, rows, base + LANES).mul(v1)
            .add(FloatVector.fromArray(SPECIES, rows, base + 3 * LANES).mul(v3))
            .add(FloatVector.fromArray(SPECIES, rows, base + 5 * LANES)
                .fma(v5, FloatVector.fromArray(SPECIES, rows, base + 7 * LANES).mul(v7)));
        FloatVector lanes = even.add(odd);
        lanes = lanes.add(lanes.rearrange(SWAP_8));
        lanes = lanes.add(lanes.rearrange(SWAP_4));
        lanes = lanes.add(lanes.rearrange(SWAP_2));
        weights[j] += lanes.add(lanes.rearrange(SWAP_1)).lane(0);
      }
    }
    for (int j = first; j < end; j++) {
      weights[j] = (offsets == null ? 0f : offsets[j]) + slopes[j] * weights[j];
    }
    for (int from = 0; from < k; from += width) {
      int at = offset + from;
      FloatVector s0 = FloatVector.fromArray(SPECIES, out, at);
      FloatVector s1 = FloatVector.fromArray(SPECIES, out, at + LANES);
      FloatVector s2 = FloatVector.fromArray(SPECIES, out, at + 2 * LANES);
      FloatVector s3 = FloatVector.fromArray(SPECIES, out, at + 3 * LANES);
      FloatVector s4 = FloatVector.fromArray(SPECIES, out, at + 4 * LANES);
      FloatVector s5 = FloatVector.fromArray(SPECIES, out, at + 5 * LANES);
      FloatVector s6 = FloatVector.fromArray(SPECIES, out, at + 6 * LANES);
      FloatVector s7 = FloatVector.fromArray(SPECIES, out, at + 7 * LANES);
      for (int j = first, base = first * k + from; j < end; j++, base += k) {
        FloatVector weight = FloatVector.broadcast(SPECIES, weights[j]);
        s0 = FloatVector.fromArray(SPECIES, rows, base).fma(weight, s0);
        s1 = FloatVector.fromArray(SPECIES, rows, base + LANES).fma(weight, s1);
        s2 = FloatVector.fromArray(SPECIES, rows, base + 2 * LANES).fma(weight, s2);
        s3 = FloatVector.fromArray(SPECIES, rows, base + 3 * LANES).fma(weight, s3);
        s4 = FloatVector.fromArray(SPECIES, rows, base + 4 * LANES).fma(weight, s4);
        s5 = FloatVector.fromArray(SPECIES, rows, base + 5 * LANES).fma(weight, s5);
        s6 = FloatVector.fromArray(SPECIES, rows, base + 6 * LANES).fma(weight, s6);
        s7 = FloatVector.fromArray(SPECIES, rows, base + 7 * LANES).fma(weight, s7);
      }
      s0.intoArray(out, at);
      s1.intoArray(out, at + LANES);
      s2.intoArray(out, at + 2 * LANES);
      s3.intoArray(out, at + 3 * LANES);
      s4.intoArray(out, at + 4 * LANES);
      s5.intoArray(out, at + 5 * LANES);
      s6.intoArray(out, at + 6 * LANES);
      s7.intoArray(out, at + 7 * LANES);
    }
  }

  /**
   * k above 64 in whole vectors: each row's dot product summed in two chains and one lane-swap
   * tree, then the row added to {@code out}; at k = 128 a pass over 160 rows took
   * 15 us as a dot call (reduceLanes) and an axpy call per row.
   */
  private static void addWeightedLongRows(float[] rows, int count, int k, float[] offsets, float[] slopes,
      float[] vector, int offset, float[] out) {
    for (int j = 0, base = 0; j < count; j++, base += k) {
      FloatVector even = FloatVector.zero(SPECIES);
      FloatVector odd = FloatVector.zero(SPECIES);
      int a = 0;
      for (; a + 2 * LANES <= k; a += 2 * LANES) {
        even = FloatVector.fromArray(SPECIES, rows, base + a).fma(FloatVector.fromArray(SPECIES, vector, offset + a),
            even);
        odd = FloatVector.fromArray(SPECIES, rows, base + a + LANES)
            .fma(FloatVector.fromArray(SPECIES, vector, offset + a + LANES), odd);
      }
      if (a < k) {
        even = FloatVector.fromArray(SPECIES, rows, base + a).fma(FloatVector.fromArray(SPECIES, vector, offset + a),
            even);
      }
      FloatVector lanes = even.add(odd);
      lanes = lanes.add(lanes.rearrange(SWAP_8));
      lanes = lanes.add(lanes.rearrange(SWAP_4));
      lanes = lanes.add(lanes.rearrange(SWAP_2));
      float along = lanes.add(lanes.rearrange(SWAP_1)).lane(0);
      FloatVector weight = FloatVector.broadcast(SPECIES, (offsets == null ? 0f : offsets[j]) + slopes[j] * along);
      for (a = 0; a < k; a += LANES) {
        FloatVector.fromArray(SPECIES, rows, base + a).fma(weight, FloatVector.fromArray(SPECIES, out, offset + a))
            .intoArray(out, offset + a);
      }
    }
  }


  /**
   * Sixteen tracks per step with the Vector API's {@code EXP}, which JDK 17 runs on the SVML
   * routines it ships (libjsvml) instead of one {@code Math.exp} call per track and feature.
   */
  @Override
  public void addCloseness(float[] values, int offset, int count, float mean, float precision, float weight,
      float[] closeness, float[] weights) {
    FloatVector center = FloatVector.broadcast(SPECIES, mean);
    FloatVector scale = FloatVector.broadcast(SPECIES, -precision);
    FloatVector share = FloatVector.broadcast(SPECIES, weight);
    int i = 0;
    int bound = count - LANES;
    for (; i <= bound; i += LANES) {
      FloatVector value = FloatVector.fromArray(SPECIES, values, offset + i);
      VectorMask<Float> present = value.test(VectorOperators.IS_NAN).not();
      FloatVector deviation = value.sub(center);
      FloatVector term = deviation.mul(deviation).mul(scale).lanewise(VectorOperators.EXP).mul(share);
      FloatVector.fromArray(SPECIES, closeness, i).add(term, present).intoArray(closeness, i);
      FloatVector.fromArray(SPECIES, weights, i).add(share, present).intoArray(weights, i);
    }
    ScalarKernels.addCloseness(values, offset, i, count, mean, precision, weight, closeness, weights);
  }

  /**
   * Each 64-column slice of a row of {@code sum} is loaded into registers once for all the rows,
   * which then stream from L1: one rank-1 update per row read and wrote the whole k x k sum
   * (256 KB at k = 256, past L1) for every row, and Y'Y of 200,000 rows took 0.55 s at k = 256.
   */
  @Override
  public void addOuterProducts(float[] rows, int offset, int count, float[] sum, int k) {
    if (k % (4 * LANES) != 0) {
      ScalarKernels.addUpperOuterProducts(this, rows, offset, count, sum, k);
      return;
    }
    // Only the 64-column chunks that reach the diagonal or lie right of it: 10 of 16 at k = 256.
    for (int a = 0; a < k; a++) {
      for (int chunk = a / (4 * LANES) * (4 * LANES); chunk < k; chunk += 4 * LANES) {
        int cell = a * k + chunk;
        FloatVector s0 = FloatVector.fromArray(SPECIES, sum, cell);
        FloatVector s1 = FloatVector.fromArray(SPECIES, sum, cell + LANES);
        FloatVector s2 = FloatVector.fromArray(SPECIES, sum, cell + 2 * LANES);
        FloatVector s3 = FloatVector.fromArray(SPECIES, sum, cell + 3 * LANES);
        for (int r = 0, base = offset; r < count; r++, base += k) {
          FloatVector x = FloatVector.broadcast(SPECIES, rows[base + a]);
          s0 = FloatVector.fromArray(SPECIES, rows, base + chunk).fma(x, s0);
          s1 = FloatVector.fromArray(SPECIES, rows, base + chunk + LANES).fma(x, s1);
          s2 = FloatVector.fromArray(SPECIES, rows, base + chunk + 2 * LANES).fma(x, s2);
          s3 = FloatVector.fromArray(SPECIES, rows, base + chunk + 3 * LANES).fma(x, s3);
        }
        s0.intoArray(sum, cell);
        s1.intoArray(sum, cell + LANES);
        s2.intoArray(sum, cell + 2 * LANES);
        s3.intoArray(sum, cell + 3 * LANES);
      }
    }
  }

  @Override
  public void scorePanels(float[] query, int queryOffset, float[] panels, int k, int blockFrom, int blockTo,
      float[] out, int outOffset) {
    int stride = k * PANEL_WIDTH;
    int block = blockFrom;
    // Four blocks at a time: each broadcast query weight feeds four independent FMA chains.
    for (; block + 3 < blockTo; block += 4) {
      FloatVector s0 = FloatVector.zero(SPECIES);
      FloatVector s1 = FloatVector.zero(SPECIES);
      FloatVector s2 = FloatVector.zero(SPECIES);
      FloatVector s3 = FloatVector.zero(SPECIES);
      int base = block * stride;
      for (int a = 0; a < k; a++) {
        FloatVector weight = FloatVector.broadcast(SPECIES, query[queryOffset + a]);
        int column = base + a * PANEL_WIDTH;
        s0 = FloatVector.fromArray(SPECIES, panels, column).fma(weight, s0);
        s1 = FloatVector.fromArray(SPECIES, panels, column + stride).fma(weight, s1);
        s2 = FloatVector.fromArray(SPECIES, panels, column + 2 * stride).fma(weight, s2);
        s3 = FloatVector.fromArray(SPECIES, panels, column + 3 * stride).fma(weight, s3);
      }
      int target = outOffset + (block - blockFrom) * PANEL_WIDTH;
      s0.intoArray(out, target);
      s1.intoArray(out, target + PANEL_WIDTH);
      s2.intoArray(out, target + 2 * PANEL_WIDTH);
      s3.intoArray(out, target + 3 * PANEL_WIDTH);
    }
    for (; block < blockTo; block++) {
      FloatVector sum = FloatVector.zero(SPECIES);
      int base = block * stride;
      for (int a = 0; a < k; a++) {
        sum = FloatVector.fromArray(SPECIES, panels, base + a * PANEL_WIDTH)
            .fma(FloatVector.broadcast(SPECIES, query[queryOffset + a]), sum);
      }
      sum.intoArray(out, outOffset + (block - blockFrom) * PANEL_WIDTH);
    }
  }

  @Override
  public void scorePanelsPair(float[] queries, int firstOffset, int secondOffset, float[] panels, int k,
      int blockFrom, int blockTo, float[] firstOut, float[] secondOut) {
    int stride = k * PANEL_WIDTH;
    int block = blockFrom;
    // Two queries x four blocks: eight independent FMA chains, four loads per eight FMAs.
    for (; block + 3 < blockTo; block += 4) {
      FloatVector a0 = FloatVector.zero(SPECIES);
      FloatVector a1 = FloatVector.zero(SPECIES);
      FloatVector a2 = FloatVector.zero(SPECIES);
      FloatVector a3 = FloatVector.zero(SPECIES);
      FloatVector b0 = FloatVector.zero(SPECIES);
      FloatVector b1 = FloatVector.zero(SPECIES);
      FloatVector b2 = FloatVector.zero(SPECIES);
      FloatVector b3 = FloatVector.zero(SPECIES);
      int base = block * stride;
      for (int a = 0; a < k; a++) {
        FloatVector first = FloatVector.broadcast(SPECIES, queries[firstOffset + a]);
        FloatVector second = FloatVector.broadcast(SPECIES, queries[secondOffset + a]);
        int column = base + a * PANEL_WIDTH;
        FloatVector p0 = FloatVector.fromArray(SPECIES, panels, column);
        FloatVector p1 = FloatVector.fromArray(SPECIES, panels, column + stride);
        FloatVector p2 = FloatVector.fromArray(SPECIES, panels, column + 2 * stride);
        FloatVector p3 = FloatVector.fromArray(SPECIES, panels, column + 3 * stride);
        a0 = p0.fma(first, a0);
        a1 = p1.fma(first, a1);
        a2 = p2.fma(first, a2);
        a3 = p3.fma(first, a3);
        b0 = p0.fma(second, b0);
        b1 = p1.fma(second, b1);
        b2 = p2.fma(second, b2);
        b3 = p3.fma(second, b3);
      }
      int target = (block - blockFrom) * PANEL_WIDTH;
      a0.intoArray(firstOut, target);
      a1.intoArray(firstOut, target + PANEL_WIDTH);
      a2.intoArray(firstOut, target + 2 * PANEL_WIDTH);
      a3.intoArray(firstOut, target + 3 * PANEL_WIDTH);
      b0.intoArray(secondOut, target);
      b1.intoArray(secondOut, target + PANEL_WIDTH);
      b2.intoArray(secondOut, target + 2 * PANEL_WIDTH);
      b3.intoArray(secondOut, target + 3 * PANEL_WIDTH);
    }
    if (block < blockTo) {
      int done = (block - blockFrom) * PANEL_WIDTH;
      scorePanels(queries, firstOffset, panels, k, block, blockTo, firstOut, done);
      scorePanels(queries, secondOffset, panels, k, block, blockTo, secondOut, done);
    }
  }

  @Override
  public void scorePanelsQuad(float[] queries, int firstOffset, float[] panels, int k, int blockFrom, int blockTo,
      float[][] out) {
    int stride = k * PANEL_WIDTH;
    float[] out0 = out[0];
    float[] out1 = out[1];
    float[] out2 = out[2];
    float[] out3 = out[3];
    int block = blockFrom;
    // Four queries x four blocks: 16 chains from four loads and four broadcasts per step (24 of
    // the 32 vector registers).
    for (; block + 3 < blockTo; block += 4) {
      FloatVector a0 = FloatVector.zero(SPECIES);
      FloatVector a1 = FloatVector.zero(SPECIES);
      FloatVector a2 = FloatVector.zero(SPECIES);
      FloatVector a3 = FloatVector.zero(SPECIES);
      FloatVector b0 = FloatVector.zero(SPECIES);
      FloatVector b1 = FloatVector.zero(SPECIES);
      FloatVector b2 = FloatVector.zero(SPECIES);
      FloatVector b3 = FloatVector.zero(SPECIES);
      FloatVector c0 = FloatVector.zero(SPECIES);
      FloatVector c1 = FloatVector.zero(SPECIES);
      FloatVector c2 = FloatVector.zero(SPECIES);
      FloatVector c3 = FloatVector.zero(SPECIES);
      FloatVector d0 = FloatVector.zero(SPECIES);
      FloatVector d1 = FloatVector.zero(SPECIES);
      FloatVector d2 = FloatVector.zero(SPECIES);
      FloatVector d3 = FloatVector.zero(SPECIES);
      int base = block * stride;
      for (int a = 0; a < k; a++) {
        int column = base + a * PANEL_WIDTH;
        FloatVector p0 = FloatVector.fromArray(SPECIES, panels, column);
        FloatVector p1 = FloatVector.fromArray(SPECIES, panels, column + stride);
        FloatVector p2 = FloatVector.fromArray(SPECIES, panels, column + 2 * stride);
        FloatVector p3 = FloatVector.fromArray(SPECIES, panels, column + 3 * stride);
        FloatVector q = FloatVector.broadcast(SPECIES, queries[firstOffset + a]);
        a0 = p0.fma(q, a0);
        a1 = p1.fma(q, a1);
        a2 = p2.fma(q, a2);
        a3 = p3.fma(q, a3);
        q = FloatVector.broadcast(SPECIES, queries[firstOffset + k + a]);
        b0 = p0.fma(q, b0);
        b1 = p1.fma(q, b1);
        b2 = p2.fma(q, b2);
        b3 = p3.fma(q, b3);
        q = FloatVector.broadcast(SPECIES, queries[firstOffset + 2 * k + a]);
        c0 = p0.fma(q, c0);
        c1 = p1.fma(q, c1);
        c2 = p2.fma(q, c2);
        c3 = p3.fma(q, c3);
        q = FloatVector.broadcast(SPECIES, queries[firstOffset + 3 * k + a]);
        d0 = p0.fma(q, d0);
        d1 = p1.fma(q, d1);
        d2 = p2.fma(q, d2);
        d3 = p3.fma(q, d3);
      }
      int target = (block - blockFrom) * PANEL_WIDTH;
      a0.intoArray(out0, target);
      a1.intoArray(out0, target + PANEL_WIDTH);
      a2.intoArray(out0, target + 2 * PANEL_WIDTH);
      a3.intoArray(out0, target + 3 * PANEL_WIDTH);
      b0.intoArray(out1, target);
      b1.intoArray(out1, target + PANEL_WIDTH);
      b2.intoArray(out1, target + 2 * PANEL_WIDTH);
      b3.intoArray(out1, target + 3 * PANEL_WIDTH);
      c0.intoArray(out2, target);
      c1.intoArray(out2, target + PANEL_WIDTH);
      c2.intoArray(out2, target + 2 * PANEL_WIDTH);
      c3.intoArray(out2, target + 3 * PANEL_WIDTH);
      d0.intoArray(out3, target);
      d1.intoArray(out3, target + PANEL_WIDTH);
      d2.intoArray(out3, target + 2 * PANEL_WIDTH);
      d3.intoArray(out3, target + 3 * PANEL_WIDTH);
    }
    // The last one to three blocks, still four queries at a time: one query's block alone is a
    // single chain of k dependent FMAs, and a list of a few dozen centroids (the index build's
    // second level) is nothing but such a remainder. Each sum adds in the same order as
    // scorePanels', so the scores are the same floats.
    for (; block + 1 < blockTo; block += 2) {
      FloatVector a0 = FloatVector.zero(SPECIES);
      FloatVector a1 = FloatVector.zero(SPECIES);
      FloatVector b0 = FloatVector.zero(SPECIES);
      FloatVector b1 = FloatVector.zero(SPECIES);
      FloatVector c0 = FloatVector.zero(SPECIES);
      FloatVector c1 = FloatVector.zero(SPECIES);
      FloatVector d0 = FloatVector.zero(SPECIES);
      FloatVector d1 = FloatVector.zero(SPECIES);
      int base = block * stride;
      for (int a = 0; a < k; a++) {
        int column = base + a * PANEL_WIDTH;
        FloatVector p0 = FloatVector.fromArray(SPECIES, panels, column);
        FloatVector p1 = FloatVector.fromArray(SPECIES, panels, column + stride);
        FloatVector q = FloatVector.broadcast(SPECIES, queries[firstOffset + a]);
        a0 = p0.fma(q, a0);
        a1 = p1.fma(q, a1);
        q = FloatVector.broadcast(SPECIES, queries[firstOffset + k + a]);
        b0 = p0.fma(q, b0);
        b1 = p1.fma(q, b1);
        q = FloatVector.broadcast(SPECIES, queries[firstOffset + 2 * k + a]);
        c0 = p0.fma(q, c0);
        c1 = p1.fma(q, c1);
        q = FloatVector.broadcast(SPECIES, queries[firstOffset + 3 * k + a]);
        d0 = p0.fma(q, d0);
        d1 = p1.fma(q, d1);
      }
      int target = (block - blockFrom) * PANEL_WIDTH;
      a0.intoArray(out0, target);
      a1.intoArray(out0, target + PANEL_WIDTH);
      b0.intoArray(out1, target);
      b1.intoArray(out1, target + PANEL_WIDTH);
      c0.intoArray(out2, target);
      c1.intoArray(out2, target + PANEL_WIDTH);
      d0.intoArray(out3, target);
      d1.intoArray(out3, target + PANEL_WIDTH);
    }
    if (block < blockTo) {
      FloatVector a0 = FloatVector.zero(SPECIES);
      FloatVector b0 = FloatVector.zero(SPECIES);
      FloatVector c0 = FloatVector.zero(SPECIES);
      FloatVector d0 = FloatVector.zero(SPECIES);
      int base = block * stride;
      for (int a = 0; a < k; a++) {
        FloatVector p0 = FloatVector.fromArray(SPECIES, panels, base + a * PANEL_WIDTH);
        a0 = p0.fma(FloatVector.broadcast(SPECIES, queries[firstOffset + a]), a0);
        b0 = p0.fma(FloatVector.broadcast(SPECIES, queries[firstOffset + k + a]), b0);
        c0 = p0.fma(FloatVector.broadcast(SPECIES, queries[firstOffset + 2 * k + a]), c0);
        d0 = p0.fma(FloatVector.broadcast(SPECIES, queries[firstOffset + 3 * k + a]), d0);
      }
      int target = (block - blockFrom) * PANEL_WIDTH;
      a0.intoArray(out0, target);
      b0.intoArray(out1, target);
      c0.intoArray(out2, target);
      d0.intoArray(out3, target);
    }
  }


  @Override
  public long countAboveAndEqual(float[] scores, int from, int to, float threshold) {
    // Counted in float lanes and summed once per chunk: a mask's population count per vector
    // would move every mask to a general register. Four vectors a step into four pairs of sums:
    // each sum waits a vector add's latency per step, so with one pair the count ran at a
    // quarter of the compares' pace (the evaluator counts every held-out track's rank this way).
    // A chunk's sums stay below 2^24, so exact.
    FloatVector one = FloatVector.broadcast(SPECIES, 1f);
    long aboveCount = 0;
    long equalCount = 0;
    int i = from;
    int bound = to - 4 * LANES;
    while (i <= bound) {
      int chunkEnd = (int) Math.min(bound, (long) i + COUNT_CHUNK);
      FloatVector above0 = FloatVector.zero(SPECIES);
      FloatVector above1 = FloatVector.zero(SPECIES);
      FloatVector above2 = FloatVector.zero(SPECIES);
      FloatVector above3 = FloatVector.zero(SPECIES);
      FloatVector equal0 = FloatVector.zero(SPECIES);
      FloatVector equal1 = FloatVector.zero(SPECIES);
      FloatVector equal2 = FloatVector.zero(SPECIES);
      FloatVector equal3 = FloatVector.zero(SPECIES);
      for (; i <= chunkEnd; i += 4 * LANES) {
        FloatVector v0 = FloatVector.fromArray(SPECIES, scores, i);
        FloatVector v1 = FloatVector.fromArray(SPECIES, scores, i + LANES);
        FloatVector v2 = FloatVector.fromArray(SPECIES, scores, i + 2 * LANES);
        FloatVector v3 = FloatVector.fromArray(SPECIES, scores, i + 3 * LANES);
        above0 = above0.add(one, v0.compare(VectorOperators.GT, threshold));
        above1 = above1.add(one, v1.compare(VectorOperators.GT, threshold));
        above2 = above2.add(one, v2.compare(VectorOperators.GT, threshold));
        above3 = above3.add(one, v3.compare(VectorOperators.GT, threshold));
        equal0 = equal0.add(one, v0.compare(VectorOperators.EQ, threshold));
        equal1 = equal1.add(one, v1.compare(VectorOperators.EQ, threshold));
        equal2 = equal2.add(one, v2.compare(VectorOperators.EQ, threshold));
        equal3 = equal3.add(one, v3.compare(VectorOperators.EQ, threshold));
      }
      aboveCount += (long) above0.add(above1).add(above2.add(above3)).reduceLanes(VectorOperators.ADD);
      equalCount += (long) equal0.add(equal1).add(equal2.add(equal3)).reduceLanes(VectorOperators.ADD);
    }
    for (; i <= to - LANES; i += LANES) {
      FloatVector v = FloatVector.fromArray(SPECIES, scores, i);
      aboveCount += v.compare(VectorOperators.GT, threshold).trueCount();
      equalCount += v.compare(VectorOperators.EQ, threshold).trueCount();
    }
    for (; i < to; i++) {
      aboveCount += scores[i] > threshold ? 1 : 0;
      equalCount += scores[i] == threshold ? 1 : 0;
    }
    return aboveCount << 32 | equalCount;
  }

  @Override
  public void multiplyInto(float[] values, int offset, float[] factors, int factorsOffset, int length) {
    // The scalar loop, as C2 compiled it, was a third of the scoring kernel's time in the index
    // build's exact cosine scan (10^7 scores a query); with this the scan took 1.65 s, not 1.9.
    int i = 0;
    for (; i <= length - LANES; i += LANES) {
      FloatVector.fromArray(SPECIES, values, offset + i).mul(FloatVector.fromArray(SPECIES, factors, factorsOffset + i))
          .intoArray(values, offset + i);
    }
    for (; i < length; i++) {
      values[offset + i] *= factors[factorsOffset + i];
    }
  }

  @Override
  public void maxInto(float[] scores, float[] max, int length) {
    int i = 0;
    for (; i <= length - LANES; i += LANES) {
      FloatVector.fromArray(SPECIES, max, i).max(FloatVector.fromArray(SPECIES, scores, i)).intoArray(max, i);
    }
    for (; i < length; i++) {
      max[i] = Math.max(max[i], scores[i]);
    }
  }

  /**
   * The largest score by a lane-wise maximum, then its first index by one comparison a vector:
   * two passes without a branch a score, where the record-to-record scan took 85 ns over the 176
   * centroid scores of an index build's assignment (about a third of the scoring's own time). The
   * maximum moves by comparison and blend (27 ns for 176 scores; 37 ns with {@code max}, whose
   * NaN and signed-zero rules cost extra instructions): from negative infinity, a NaN is never
   * taken, as the scan never moves to one.
   */
  @Override
  public int argMax(float[] scores, int count) {
    int bound = count - LANES;
    if (bound < LANES || Float.isNaN(scores[0])) {
      return ScalarKernels.argMaxByScan(scores, count);
    }
    FloatVector best = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
    int i = 0;
    for (; i <= bound; i += LANES) {
      FloatVector next = FloatVector.fromArray(SPECIES, scores, i);
      best = best.blend(next, next.compare(VectorOperators.GT, best));
    }
    // The lanes' maximum by swaps: each step keeps, lane by lane, the strictly greater of two.
    FloatVector swapped = best.rearrange(SWAP_8);
    best = best.blend(swapped, swapped.compare(VectorOperators.GT, best));
    swapped = best.rearrange(SWAP_4);
    best = best.blend(swapped, swapped.compare(VectorOperators.GT, best));
    swapped = best.rearrange(SWAP_2);
    best = best.blend(swapped, swapped.compare(VectorOperators.GT, best));
    swapped = best.rearrange(SWAP_1);
    float max = best.blend(swapped, swapped.compare(VectorOperators.GT, best)).lane(0);
    for (; i < count; i++) {
      if (scores[i] > max) {
        max = scores[i];
      }
    }
    int j = 0;
    for (; j <= bound; j += LANES) {
      VectorMask<Float> at = FloatVector.fromArray(SPECIES, scores, j).compare(VectorOperators.EQ, max);
      if (at.anyTrue()) {
        return j + at.firstTrue();
      }
    }
    for (; j < count; j++) {
      if (scores[j] == max) {
        return j;
      }
    }
    throw new IllegalStateException("the maximum " + max + " is not among the scores");
  }


  @Override
  public int firstAbove(float[] scores, int from, int to, float threshold) {
    int i = from;
    int bound = to - LANES;
    for (; i <= bound; i += LANES) {
      VectorMask<Float> above = FloatVector.fromArray(SPECIES, scores, i).compare(VectorOperators.GT, threshold);
      if (above.anyTrue()) {
        return i + above.firstTrue();
      }
    }
    for (; i < to; i++) {
      if (scores[i] > threshold) {
        return i;
      }
    }
    return to;
  }
}
