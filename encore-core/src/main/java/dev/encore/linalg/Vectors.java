package dev.encore.linalg;

/** Dense float kernels over slices of row-major factor arrays. */
public final class Vectors {
  private Vectors() {}

  /** The dot product of {@code a[aOffset..aOffset+length)} and {@code b[bOffset..)}. */
  public static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
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

  /** {@code y[yOffset..) += scale * x[xOffset..)} over {@code length} elements. */
  public static void axpy(float scale, float[] x, int xOffset, float[] y, int yOffset, int length) {
    for (int i = 0; i < length; i++) {
      y[yOffset + i] += scale * x[xOffset + i];
    }
  }

  /** The Euclidean norm of one row. */
  public static float norm(float[] a, int offset, int length) {
    return (float) Math.sqrt(dot(a, offset, a, offset, length));
  }
}
