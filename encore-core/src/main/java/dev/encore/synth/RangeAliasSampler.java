package dev.encore.synth;

import java.util.SplittableRandom;

/**
 * Draws a position with probability proportional to its weight, within one of several
 * contiguous ranges of positions, in O(1) per draw: one alias table (Vose 1991) per range, all
 * stored in two arrays the size of the positions.
 */
final class RangeAliasSampler {
  private final int[] rangeStarts;
  private final double[] keep;
  private final int[] alias;

  /** {@code rangeStarts} has one entry per range plus the end; weights must be >= 0. */
  RangeAliasSampler(double[] weights, int[] rangeStarts) {
    this.rangeStarts = rangeStarts.clone();
    this.keep = new double[weights.length];
    this.alias = new int[weights.length];
    int[] small = new int[weights.length];
    int[] large = new int[weights.length];
    double[] scaled = new double[weights.length];
    for (int range = 0; range + 1 < rangeStarts.length; range++) {
      build(weights, rangeStarts[range], rangeStarts[range + 1], scaled, small, large);
    }
  }

  private void build(double[] weights, int start, int end, double[] scaled, int[] small, int[] large) {
    double total = 0;
    for (int p = start; p < end; p++) {
      total += weights[p];
    }
    int smallCount = 0;
    int largeCount = 0;
    for (int p = start; p < end; p++) {
      scaled[p] = total > 0 ? weights[p] * (end - start) / total : 1.0;
      alias[p] = p;
      if (scaled[p] < 1.0) {
        small[smallCount++] = p;
      } else {
        large[largeCount++] = p;
      }
    }
    while (smallCount > 0 && largeCount > 0) {
      int lesser = small[--smallCount];
      int greater = large[--largeCount];
      keep[lesser] = scaled[lesser];
      alias[lesser] = greater;
      scaled[greater] -= 1.0 - scaled[lesser];
      if (scaled[greater] < 1.0) {
        small[smallCount++] = greater;
      } else {
        large[largeCount++] = greater;
      }
    }
    // Whatever is left is 1 up to rounding error.
    while (largeCount > 0) {
      keep[large[--largeCount]] = 1.0;
    }
    while (smallCount > 0) {
      keep[small[--smallCount]] = 1.0;
    }
  }

  /** A weighted position in {@code range}, or -1 when the range is empty. */
  int sample(int range, SplittableRandom random) {
    int start = rangeStarts[range];
    int size = rangeStarts[range + 1] - start;
    if (size == 0) {
      return -1;
    }
    int position = start + random.nextInt(size);
    return random.nextDouble() < keep[position] ? position : alias[position];
  }
}
