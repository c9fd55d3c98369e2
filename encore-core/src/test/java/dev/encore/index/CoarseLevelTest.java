package dev.encore.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CoarseLevelTest {
  private static final int D = 8;
  private static final IndexSettings SETTINGS = IndexSettings.defaults(2);

  /** Unit rows around the given directions, each row's direction drawn with the given weights. */
  private static float[] sample(Random random, int rows, double[] weights, double spread) {
    float[][] directions = new float[weights.length][D];
    for (float[] direction : directions) {
      for (int a = 0; a < D; a++) {
        direction[a] = (float) random.nextGaussian();
      }
    }
    float[] sample = new float[rows * D];
    for (int r = 0; r < rows; r++) {
      double u = random.nextDouble();
      int which = 0;
      while (which + 1 < weights.length && u > weights[which]) {
        u -= weights[which];
        which++;
      }
      for (int a = 0; a < D; a++) {
        sample[r * D + a] = directions[which][a] + (float) (spread * random.nextGaussian());
      }
    }
    SphericalKMeans.normalizeRows(sample, rows, D);
    return sample;
  }

  private static double dot(float[] x, int xOffset, float[] y, int yOffset) {
    double sum = 0;
    for (int a = 0; a < D; a++) {
      sum += (double) x[xOffset + a] * y[yOffset + a];
    }
    return sum;
  }

  @Test
  void aSplitMovesEachRowOfASplitClusterToTheNearestOfItsPartsAndKeepsTheRest() {
    Random random = new Random(5);
    int rows = 3_000;
    float[] sample = sample(random, rows, new double[] {0.85, 0.1, 0.05}, 0.5);
    CoarseLevel level = CoarseLevel.train(sample, rows, D, 3, SETTINGS, 11);
    int lists = 600;
    int[] parts = level.worthSplitting(lists);
    assertThat(parts).as("a cluster with most of the rows and of 600 lists is worth splitting").isNotNull();
    CoarseLevel split = level.split(parts, sample, D, SETTINGS, 12);

    int[] firstOf = new int[level.count() + 1];
    for (int c = 0; c < level.count(); c++) {
      firstOf[c + 1] = firstOf[c] + Math.max(1, parts[c]);
    }
    assertThat(split.count()).isEqualTo(firstOf[level.count()]);
    int[] counted = new int[split.count()];
    for (int r = 0; r < rows; r++) {
      int before = level.nearest()[r];
      int after = split.nearest()[r];
      counted[after]++;
      if (parts[before] == 0) {
        assertThat(after).isEqualTo(firstOf[before]);
        continue;
      }
      assertThat(after).isBetween(firstOf[before], firstOf[before + 1] - 1);
      int best = firstOf[before];
      for (int p = firstOf[before] + 1; p < firstOf[before + 1]; p++) {
        if (dot(sample, r * D, split.centroids(), p * D) > dot(sample, r * D, split.centroids(), best * D)) {
          best = p;
        }
      }
      assertThat(dot(sample, r * D, split.centroids(), after * D))
          .as("row %d's part scores as its best part", r)
          .isCloseTo(dot(sample, r * D, split.centroids(), best * D), within(1e-5));
    }
    assertThat(split.members()).isEqualTo(counted);
    for (int c = 0; c < level.count(); c++) {
      if (parts[c] == 0) {
        for (int a = 0; a < D; a++) {
          assertThat(split.centroids()[firstOf[c] * D + a]).isEqualTo(level.centroids()[c * D + a]);
        }
      }
    }
    for (int c = 0; c < split.count(); c++) {
      assertThat(dot(split.centroids(), c * D, split.centroids(), c * D)).isCloseTo(1, within(1e-4));
    }
    assertThat(split.cost(lists)).isLessThan(level.cost(lists));
  }

  @Test
  void anEvenLevelIsKeptAndAnUnevenOneSplitUntilItCostsLess() {
    Random random = new Random(6);
    int rows = 4_000;
    float[] even = sample(random, rows, new double[] {0.25, 0.25, 0.25, 0.25}, 0.2);
    CoarseLevel evenLevel = CoarseLevel.train(even, rows, D, 4, SETTINGS, 21);
    assertThat(evenLevel.unevenness()).isLessThan(CoarseLevel.UNEVEN);
    assertThat(evenLevel.evened(even, D, 400, SETTINGS, 21)).isSameAs(evenLevel);

    // Three clusters, every row in the first (as a level whose other centroids drew no rows):
    // three times an even level's cost.
    float[] crowded = sample(random, rows, new double[] {0.9, 0.05, 0.05}, 0.4);
    CoarseLevel oneCluster = CoarseLevel.train(crowded, rows, D, 1, SETTINGS, 22);
    CoarseLevel padded = new CoarseLevel(java.util.Arrays.copyOf(oneCluster.centroids(), 3 * D), 3,
        oneCluster.nearest(), new int[] {rows, 0, 0});
    assertThat(padded.unevenness()).isCloseTo(3, within(1e-9));
    CoarseLevel evened = padded.evened(crowded, D, 900, SETTINGS, 22);
    assertThat(evened.count()).isGreaterThan(3);
    assertThat(evened.cost(900)).isLessThan(padded.cost(900) / 4);
    assertThat(java.util.Arrays.stream(evened.members()).sum()).isEqualTo(rows);
  }
}
