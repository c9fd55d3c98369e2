package dev.encore.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the Vector API with 512-bit float vectors (16 lanes, AVX-512 on this project's
 * machines; the API splits them on narrower hardware). Measured 5-13x faster than the scalar
 * loops, which C2 does not auto-vectorise (see ../shared/STACK.md and the JMH benchmarks).
 * Tails shorter than a vector fall back to scalar code.
 */
final class VectorKernels implements Kernels {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_512;
  private static final int LANES = SPECIES.length();

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
  public void symmetricMultiply(float[] matrix, float[] vector, int offset, float shift, float[] out, int k) {
    int chunk = 0;
    int bound = k - LANES;
    // Column chunks of 16 outputs kept in a register: out[c..c+16) = sum_b v[b] * matrix[b][c..c+16).
    for (; chunk <= bound; chunk += LANES) {
      FloatVector sum = FloatVector.fromArray(SPECIES, vector, offset + chunk).mul(shift);
      for (int b = 0; b < k; b++) {
        FloatVector column = FloatVector.fromArray(SPECIES, matrix, b * k + chunk);
        sum = column.fma(FloatVector.broadcast(SPECIES, vector[offset + b]), sum);
      }
      sum.intoArray(out, chunk);
    }
    for (int a = chunk; a < k; a++) {
      out[a] = dot(matrix, a * k, vector, offset, k) + shift * vector[offset + a];
    }
  }

  @Override
  public void addOuterProduct(float scale, float[] rows, int offset, float[] sum, int k) {
    for (int a = 0; a < k; a++) {
      axpy(scale * rows[offset + a], rows, offset, sum, a * k, k);
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
