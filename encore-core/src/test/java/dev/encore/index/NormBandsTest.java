package dev.encore.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NormBandsTest {
  /** The bands by a full sort of (norm, item): band b from rank items - (items >> b). */
  private static int[][] bySort(float[] norms, int items, int bands) {
    Integer[] order = new Integer[items];
    for (int i = 0; i < items; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> norms[a] != norms[b] ? Float.compare(norms[a], norms[b]) : Integer.compare(a, b));
    int[][] rows = new int[bands][];
    for (int band = 0; band < bands; band++) {
      int from = band == 0 ? 0 : items - (items >> band);
      int to = band == bands - 1 ? items : items - (items >> (band + 1));
      rows[band] = new int[Math.max(0, to - from)];
      for (int j = 0; j < rows[band].length; j++) {
        rows[band][j] = order[from + j];
      }
      Arrays.sort(rows[band]);
    }
    return rows;
  }

  @Test
  void theBandsAreTheOnesAFullSortGivesWithTiesZerosAndTinyCatalogues() {
    Random random = new Random(3);
    for (int trial = 0; trial < 300; trial++) {
      int items = trial < 40 ? trial : random.nextInt(5_000);
      int bands = 1 + random.nextInt(8);
      float[] norms = new float[items];
      int kind = trial % 3;
      for (int i = 0; i < items; i++) {
        // Spread norms, a few repeated values (ties across a cut), or zeros among small values.
        norms[i] = kind == 0 ? (float) Math.exp(3 * random.nextGaussian())
            : kind == 1 ? random.nextInt(4) * 0.5f
            : random.nextInt(10) == 0 ? 0f : random.nextFloat() * 1e-3f;
      }
      int[][] expected = bySort(norms, items, bands);
      int[][] actual = NormBands.of(norms, items, bands);
      assertThat(actual).as("trial %d: %d items, %d bands", trial, items, bands).isDeepEqualTo(expected);
    }
  }

  @Test
  void moreBandsThanAByteHoldsAreRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> NormBands.of(new float[3], 3, 128))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bands 128");
    assertThat(NormBands.of(new float[3], 3, 127)).hasNumberOfRows(127);
  }
}
