package dev.encore.linalg;

/** Convenience entry points over {@link Kernels#INSTANCE} for code outside the hot loops. */
public final class Vectors {
  private static final Kernels KERNELS = Kernels.INSTANCE;

  private Vectors() {}

  /** The dot product of {@code a[aOffset..aOffset+length)} and {@code b[bOffset..)}. */
  public static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    return KERNELS.dot(a, aOffset, b, bOffset, length);
  }

  /** {@code y[yOffset..) += scale * x[xOffset..)} over {@code length} elements. */
  public static void axpy(float scale, float[] x, int xOffset, float[] y, int yOffset, int length) {
    KERNELS.axpy(scale, x, xOffset, y, yOffset, length);
  }

  /** The Euclidean norm of one row. */
  public static float norm(float[] a, int offset, int length) {
    return (float) Math.sqrt(dot(a, offset, a, offset, length));
  }

  /**
   * The indices of {@code values[0..count)} (non-negative, such as norms), largest value first,
   * ties by lower index. Sorted as longs (the value's bits inverted above the index: non-negative
   * floats order as their bits), not as boxed Integers with a comparator.
   */
  public static int[] descendingOrder(float[] values, int count) {
    long[] keys = new long[count];
    for (int i = 0; i < count; i++) {
      keys[i] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(values[i])) << 32) | i;
    }
    java.util.Arrays.parallelSort(keys);
    int[] order = new int[count];
    for (int position = 0; position < count; position++) {
      order[position] = (int) keys[position];
    }
    return order;
  }
}
