package dev.encore.als;

/**
 * The random initial factors: uniform in [0, 0.01), small enough that the first half-step is
 * driven by the data, or (with a sigma above 0) normal with mean 0 and standard deviation
 * {@code sigma / sqrt(k)}, the initialisation of Rendle et al. (2021), so that a row's expected
 * squared norm is sigma^2 whatever k is. A normal value i is drawn by Box-Muller from uniform draws
 * 2i and 2i + 1. Value i of a side (row-major, row r's a-th factor is i = r * k + a) is the
 * i-th draw of {@code new SplittableRandom(seed).nextDouble()}, computed directly from its
 * position: SplittableRandom's draw i is {@code mix64(seed + (i + 1) * GOLDEN_GAMMA)}. So a
 * Spark executor initialises its block of rows without the rows before it, and the values are
 * those of a single-node training over the same dense order.
 */
public final class InitialFactors {
  private static final float SCALE = 0.01f;
  /** SplittableRandom's default gamma, the odd integer nearest 2^64 / phi. */
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private static final double DOUBLE_UNIT = 0x1.0p-53;
  /** The item side's seed is the user side's XOR this, so the two sides never share draws. */
  private static final long ITEM_SEED_MASK = 0x9E3779B97F4A7C15L;

  private InitialFactors() {}

  public static long userSeed(long seed) {
    return seed;
  }

  public static long itemSeed(long seed) {
    return seed ^ ITEM_SEED_MASK;
  }

  /** A whole side: {@code rows * k} values from draw 0. */
  public static float[] of(int rows, int k, long seed) {
    return of(rows, k, seed, 0f);
  }

  /** A whole side with {@code sigma} as in {@link #fill(float[], int, long, int, int, long, float)}. */
  public static float[] of(int rows, int k, long seed, float sigma) {
    float[] factors = new float[Math.multiplyExact(rows, k)];
    fill(factors, 0, 0L, rows, k, seed, sigma);
    return factors;
  }

  /** As {@link #fill(float[], int, long, int, int, long)} with normal values when {@code sigma > 0}. */
  public static void fill(float[] target, int offset, long firstRow, int rows, int k, long seed, float sigma) {
    if (sigma == 0) {
      fill(target, offset, firstRow, rows, k, seed);
      return;
    }
    double deviation = sigma / Math.sqrt(k);
    long position = firstRow * k;
    int count = rows * k;
    long state = seed + 2 * position * GOLDEN_GAMMA;
    for (int i = 0; i < count; i++) {
      state += GOLDEN_GAMMA;
      double radiusDraw = 1.0 - (mix64(state) >>> 11) * DOUBLE_UNIT;
      state += GOLDEN_GAMMA;
      double angleDraw = (mix64(state) >>> 11) * DOUBLE_UNIT;
      double normal = Math.sqrt(-2 * Math.log(radiusDraw)) * Math.cos(2 * Math.PI * angleDraw);
      target[offset + i] = (float) (normal * deviation);
    }
  }

  /**
   * Writes rows {@code firstRow .. firstRow + rows - 1} of a side to {@code target} from
   * {@code offset}; {@code firstRow} is a long so a side may have more rows than an int counts.
   */
  public static void fill(float[] target, int offset, long firstRow, int rows, int k, long seed) {
    long position = firstRow * k;
    int count = rows * k;
    long state = seed + position * GOLDEN_GAMMA;
    for (int i = 0; i < count; i++) {
      state += GOLDEN_GAMMA;
      target[offset + i] = (float) ((mix64(state) >>> 11) * DOUBLE_UNIT) * SCALE;
    }
  }

  /** SplittableRandom's output function (Stafford's variant 13 of MurmurHash3's finaliser). */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
