package dev.encore.synth;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A discrete power law on 1..max: P(k) proportional to k^-exponent, so most plays are single
 * listens and a few tracks are played on repeat, as in real play-count data.
 */
final class PlayCounts {
  private final double[] cumulative;

  PlayCounts(int max, double exponent) {
    cumulative = new double[max];
    double total = 0;
    for (int k = 1; k <= max; k++) {
      total += Math.pow(k, -exponent);
      cumulative[k - 1] = total;
    }
    for (int k = 0; k < max; k++) {
      cumulative[k] /= total;
    }
  }

  int sample(SplittableRandom random) {
    int found = Arrays.binarySearch(cumulative, random.nextDouble());
    int index = found >= 0 ? found + 1 : -found - 1;
    return Math.min(index, cumulative.length - 1) + 1;
  }
}
