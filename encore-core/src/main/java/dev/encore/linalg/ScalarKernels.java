package dev.encore.linalg;

import java.util.Arrays;

/** Plain-Java kernels: the fallback without the Vector API, and the reference in tests. */
final class ScalarKernels implements Kernels {
  static final ScalarKernels INSTANCE = new ScalarKernels();

  private ScalarKernels() {}

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    float sum0 = 0;
    float sum1 = 0;
    float sum2 = 0;
    float sum3 = 0;
    int i = 0;
    // Four accumulators break the add dependency chain so the loop is not latency bound.
    for (; i + 3 < length; i += 4) {
      sum0 += a[aOffset + i] * b[bOffset + i];
      sum1 += a[aOffset + i + 1] * b[bOffset + i + 1];
      sum2 += a[aOffset + i + 2] * b[bOffset + i + 2];
      sum3 += a[aOffset + i + 3] * b[bOffset + i + 3];
    }
    for (; i < length; i++) {
      sum0 += a[aOffset + i] * b[bOffset + i];
    }
    return (sum0 + sum1) + (sum2 + sum3);
  }

  @Override
  public void axpy(float scale, float[] x, int xOffset, float[] y, int yOffset, int length) {
    for (int i = 0; i < length; i++) {
      y[yOffset + i] += scale * x[xOffset + i];
    }
  }

  @Override
  public double dot(double[] a, int aOffset, double[] b, int bOffset, int length) {
    double sum0 = 0;
    double sum1 = 0;
    double sum2 = 0;
    double sum3 = 0;
    int i = 0;
    for (; i + 3 < length; i += 4) {
      sum0 += a[aOffset + i] * b[bOffset + i];
      sum1 += a[aOffset + i + 1] * b[bOffset + i + 1];
      sum2 += a[aOffset + i + 2] * b[bOffset + i + 2];
      sum3 += a[aOffset + i + 3] * b[bOffset + i + 3];
    }
    for (; i < length; i++) {
      sum0 += a[aOffset + i] * b[bOffset + i];
    }
    return (sum0 + sum1) + (sum2 + sum3);
  }

  @Override
  public void axpy(double scale, double[] x, int xOffset, double[] y, int yOffset, int length) {
    for (int i = 0; i < length; i++) {
      y[yOffset + i] += scale * x[xOffset + i];
    }
  }

  @Override
  public void weightedGram(float[] rows, int[] offsets, float[] weights, int count, int k, float[] out) {
    for (int a = 0; a < k; a++) {
      Arrays.fill(out, a * k + a, a * k + k, 0f);
    }
    for (int p = 0; p < count; p++) {
      int row = offsets[p];
      for (int a = 0; a < k; a++) {
        axpy(weights[p] * rows[row + a], rows, row + a, out, a * k + a, k - a);
      }
    }
  }

  @Override
  public void subtractPivotRows(double[] a, int k, int pivotFrom, int pivotTo, int rowFrom, int rowTo) {
    for (int i = rowFrom; i < rowTo; i++) {
      for (int j = pivotFrom; j < pivotTo; j++) {
        axpy(-a[j * k + i], a, j * k + i, a, i * k + i, k - i);
      }
    }
  }

  @Override
  public void dividePanel(double[] a, int k, int from, int to) {
    for (int j = from; j < to; j++) {
      double inversePivot = 1 / a[j * k + j];
      for (int c = to; c < k; c++) {
        double x = a[j * k + c];
        for (int p = from; p < j; p++) {
          x -= a[p * k + j] * a[p * k + c];
        }
        a[j * k + c] = x * inversePivot;
      }
    }
  }

  @Override
  public void subtractPanelProduct(double[] factor, int k, int from, int to, double[] b) {
    for (int p = from; p < to; p++) {
      axpy(-b[p], factor, p * k + to, b, to, k - to);
    }
  }

  @Override
  public void subtractTailProducts(double[] factor, int k, int from, int to, double[] b) {
    for (int j = from; j < to; j++) {
      b[j] -= dot(factor, j * k + to, b, to, k - to);
    }
  }

  @Override
  public void addWeightedSlices(float[] rows, int[] offsets, float[] weights, int count, int width, float[] out,
      int outOffset) {
    for (int e = 0; e < count; e++) {
      axpy(weights[e], rows, offsets[e], out, outOffset, width);
    }
  }

  @Override
  public void addDots(float[] rows, int[] offsets, int from, int count, int column, float[] vector, int vectorOffset,
      int width, float[] out) {
    for (int e = from; e < from + count; e++) {
      out[e] += dot(rows, offsets[e] + column, vector, vectorOffset, width);
    }
  }

  @Override
  public void solveSystems(double[] systems, double[] rhs, int n, int count) {
    for (int g = 0; g < count; g++) {
      for (int j = 0; j < n; j++) {
        double diagonal = systems[(j * n + j) * SYSTEMS + g];
        Cholesky.requirePositivePivot(diagonal, j, g);
        // The pivot's reciprocal stays on the diagonal, as in the vector kernel.
        double inverse = 1.0 / Math.sqrt(diagonal);
        systems[(j * n + j) * SYSTEMS + g] = inverse;
        for (int c = j + 1; c < n; c++) {
          systems[(j * n + c) * SYSTEMS + g] *= inverse;
        }
        for (int i = j + 1; i < n; i++) {
          double u = systems[(j * n + i) * SYSTEMS + g];
          for (int c = i; c < n; c++) {
            systems[(i * n + c) * SYSTEMS + g] -= u * systems[(j * n + c) * SYSTEMS + g];
          }
        }
      }
      for (int j = 0; j < n; j++) {
        double y = rhs[j * SYSTEMS + g] * systems[(j * n + j) * SYSTEMS + g];
        rhs[j * SYSTEMS + g] = y;
        for (int i = j + 1; i < n; i++) {
          rhs[i * SYSTEMS + g] -= systems[(j * n + i) * SYSTEMS + g] * y;
        }
      }
      for (int i = n - 1; i >= 0; i--) {
        double x = rhs[i * SYSTEMS + g] * systems[(i * n + i) * SYSTEMS + g];
        rhs[i * SYSTEMS + g] = x;
        for (int p = 0; p < i; p++) {
          rhs[p * SYSTEMS + g] -= systems[(p * n + i) * SYSTEMS + g] * x;
        }
      }
    }
  }

  @Override
  public void interleaveSystems(float[] matrix, int matrixOffset, int matrixStride, float[] corrections,
      int[] correctionStarts, double[] shifts, int n, int count, double[] systems) {
    for (int g = 0; g < count; g++) {
      for (int a = 0; a < n; a++) {
        int at = matrixOffset + a * matrixStride;
        int correction = correctionStarts[g] + a * n;
        for (int b = a; b < n; b++) {
          systems[(a * n + b) * SYSTEMS + g] = (double) matrix[at + b] + corrections[correction + b];
        }
        systems[(a * n + a) * SYSTEMS + g] += shifts[g];
      }
    }
  }

  @Override
  public void multiplyColumnSlice(float[] matrix, int k, int from, int width, float[] vectors, int offset, int count,
      float[] out, int outStride) {
    multiplyColumnSliceByRows(matrix, k, from, width, vectors, offset, 0, count, out, 0, outStride);
  }

  /**
   * {@link #multiplyColumnSlice} for the vectors {@code [firstVector, endVector)}, each column a
   * of the slice into {@code out[outOffset + g*outStride + a]}; the vector kernel's tails.
   */
  static void multiplyColumnSliceByRows(float[] matrix, int k, int from, int width, float[] vectors, int offset,
      int firstVector, int endVector, float[] out, int outOffset, int outStride) {
    for (int g = firstVector; g < endVector; g++) {
      int vector = offset + g * k;
      for (int a = 0; a < width; a++) {
        float sum = 0f;
        for (int c = 0; c < k; c++) {
          sum += matrix[c * k + from + a] * vectors[vector + c];
        }
        out[outOffset + g * outStride + a] = sum;
      }
    }
  }

  @Override
  public void symmetricMultiplyRows(float[] matrix, float[] vectors, int offset, int count, float[] shifts,
      float[] out, int k) {
    for (int g = 0; g < count; g++) {
      int vector = offset + g * k;
      for (int a = 0; a < k; a++) {
        out[g * k + a] = dot(matrix, a * k, vectors, vector, k) + shifts[g] * vectors[vector + a];
      }
    }
  }

  @Override
  public void addWeightedRows(float[] rows, int count, int k, float[] offsets, float[] slopes, float[] vector,
      int offset, float[] out) {
    for (int j = 0; j < count; j++) {
      float along = dot(rows, j * k, vector, offset, k);
      axpy((offsets == null ? 0f : offsets[j]) + slopes[j] * along, rows, j * k, out, offset, k);
    }
  }

  @Override
  public void addCloseness(float[] values, int offset, int count, float mean, float precision, float weight,
      float[] closeness, float[] weights) {
    addCloseness(values, offset, 0, count, mean, precision, weight, closeness, weights);
  }

  /** {@link #addCloseness} for tracks {@code [from, to)} only; the vector kernel's tail. */
  static void addCloseness(float[] values, int offset, int from, int to, float mean, float precision, float weight,
      float[] closeness, float[] weights) {
    for (int i = from; i < to; i++) {
      float value = values[offset + i];
      if (!Float.isNaN(value)) {
        float deviation = value - mean;
        closeness[i] += weight * (float) Math.exp(-deviation * deviation * precision);
        weights[i] += weight;
      }
    }
  }

  @Override
  public void addOuterProducts(float[] rows, int offset, int count, float[] sum, int k) {
    addUpperOuterProducts(this, rows, offset, count, sum, k);
  }

  /** {@link #addOuterProducts} by one {@code axpy} of {@code kernels} per row and cell row; the vector kernel's for k it does not tile. */
  static void addUpperOuterProducts(Kernels kernels, float[] rows, int offset, int count, float[] sum, int k) {
    for (int r = 0, base = offset; r < count; r++, base += k) {
      for (int a = 0; a < k; a++) {
        kernels.axpy(rows[base + a], rows, base + a, sum, a * k + a, k - a);
      }
    }
  }

  @Override
  public void scorePanels(float[] query, int queryOffset, float[] panels, int k, int blockFrom, int blockTo,
      float[] out, int outOffset) {
    for (int block = blockFrom; block < blockTo; block++) {
      int base = block * k * PANEL_WIDTH;
      int target = outOffset + (block - blockFrom) * PANEL_WIDTH;
      for (int lane = 0; lane < PANEL_WIDTH; lane++) {
        out[target + lane] = 0f;
      }
      for (int a = 0; a < k; a++) {
        float weight = query[queryOffset + a];
        int column = base + a * PANEL_WIDTH;
        for (int lane = 0; lane < PANEL_WIDTH; lane++) {
          out[target + lane] += weight * panels[column + lane];
        }
      }
    }
  }

  @Override
  public void scorePanelsPair(float[] queries, int firstOffset, int secondOffset, float[] panels, int k,
      int blockFrom, int blockTo, float[] firstOut, float[] secondOut) {
    scorePanels(queries, firstOffset, panels, k, blockFrom, blockTo, firstOut, 0);
    scorePanels(queries, secondOffset, panels, k, blockFrom, blockTo, secondOut, 0);
  }

  @Override
  public void scorePanelsQuad(float[] queries, int firstOffset, float[] panels, int k, int blockFrom, int blockTo,
      float[][] out) {
    for (int q = 0; q < 4; q++) {
      scorePanels(queries, firstOffset + q * k, panels, k, blockFrom, blockTo, out[q], 0);
    }
  }

  @Override
  public long countAboveAndEqual(float[] scores, int from, int to, float threshold) {
    long above = 0;
    long equal = 0;
    for (int i = from; i < to; i++) {
      above += scores[i] > threshold ? 1 : 0;
      equal += scores[i] == threshold ? 1 : 0;
    }
    return above << 32 | equal;
  }

  @Override
  public void maxInto(float[] scores, float[] max, int length) {
    for (int i = 0; i < length; i++) {
      max[i] = Math.max(max[i], scores[i]);
    }
  }

  @Override
  public void multiplyInto(float[] values, int offset, float[] factors, int factorsOffset, int length) {
    for (int i = 0; i < length; i++) {
      values[offset + i] *= factors[factorsOffset + i];
    }
  }

  @Override
  public int argMax(float[] scores, int count) {
    return argMaxByScan(scores, count);
  }

  /** {@link #argMax} by one scan: also the vector kernel's for short rows and a NaN first score. */
  static int argMaxByScan(float[] scores, int count) {
    int best = 0;
    for (int i = 1; i < count; i++) {
      if (scores[i] > scores[best]) {
        best = i;
      }
    }
    return best;
  }

  @Override
  public int firstAbove(float[] scores, int from, int to, float threshold) {
    for (int i = from; i < to; i++) {
      if (scores[i] > threshold) {
        return i;
      }
    }
    return to;
  }
}
