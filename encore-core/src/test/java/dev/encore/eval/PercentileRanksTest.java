package dev.encore.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PercentileRanksTest {

  @Property(tries = 200)
  void matchesABruteForceRanking(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int items) {
    Random random = new Random(seed);
    float[] scores = new float[items];
    for (int i = 0; i < items; i++) {
      int kind = random.nextInt(10);
      // Few distinct values so ties are common; some NaN, infinities and negative zero.
      scores[i] = kind == 0 ? Float.NaN : kind == 1 ? Float.NEGATIVE_INFINITY
          : kind == 2 ? -0.0f : random.nextInt(4) - 2;
    }
    int[] train = sortedSample(random, items, random.nextInt(items));
    int[] test = sortedSample(random, items, 1 + random.nextInt(items));
    float[] values = new float[test.length];
    for (int j = 0; j < test.length; j++) {
      values[j] = 1 + random.nextInt(3);
    }

    PercentileRanks ranks = new PercentileRanks();
    ranks.measure(scores, train, 0, train.length, test, values, 0, test.length);

    double[] expected = bruteForce(scores, train, test, values);
    assertThat(ranks.weightedRanks()).isCloseTo(expected[0], within(1e-9));
    assertThat(ranks.weights()).isCloseTo(expected[1], within(1e-9));
  }

  @Test
  void topIsZeroAndBottomIsOne() {
    float[] scores = {3, 2, 1};
    PercentileRanks ranks = new PercentileRanks();
    ranks.measure(scores, new int[0], 0, 0, new int[] {0}, new float[] {1}, 0, 1);
    assertThat(ranks.weightedRanks()).isZero();
    ranks.measure(scores, new int[0], 0, 0, new int[] {2}, new float[] {1}, 0, 1);
    assertThat(ranks.weightedRanks()).isEqualTo(1.0);
    ranks.measure(scores, new int[0], 0, 0, new int[] {1}, new float[] {2}, 0, 1);
    assertThat(ranks.weightedRanks()).isEqualTo(1.0);
    assertThat(ranks.weights()).isEqualTo(2.0);
  }

  private static int[] sortedSample(Random random, int items, int count) {
    TreeSet<Integer> chosen = new TreeSet<>();
    while (chosen.size() < count) {
      chosen.add(random.nextInt(items));
    }
    return chosen.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Ranks by comparing each test item with every candidate, as TopK orders them. */
  private static double[] bruteForce(float[] scores, int[] train, int[] test, float[] values) {
    java.util.Set<Integer> trained = new java.util.HashSet<>();
    for (int item : train) {
      trained.add(item);
    }
    int candidates = scores.length - train.length;
    double weighted = 0;
    double weights = 0;
    for (int j = 0; j < test.length; j++) {
      int item = test[j];
      if (trained.contains(item)) {
        continue;
      }
      int above = 0;
      for (int other = 0; other < scores.length; other++) {
        if (other != item && !trained.contains(other) && ranksAbove(scores, other, item)) {
          above++;
        }
      }
      weighted += values[j] * ((double) above / Math.max(1, candidates - 1));
      weights += values[j];
    }
    return new double[] {weighted, weights};
  }

  private static boolean ranksAbove(float[] scores, int a, int b) {
    float sa = scores[a];
    float sb = scores[b];
    if (Float.isNaN(sa)) {
      return Float.isNaN(sb) && a < b;
    }
    if (Float.isNaN(sb)) {
      return true;
    }
    return sa > sb || (sa == sb && a < b);
  }
}
