package dev.encore.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.linalg.FactorPanels;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SymmetricTopKTest {

  /**
   * Against each row scored alone by the panel kernel and ranked (score, then lower index), on
   * 1,111 rows (not a whole number of row blocks, panel blocks or tiles), with repeated rows so
   * that equal scores meet across blocks and threads.
   */
  @Test
  void everyRowGetsTheTopOfItsOwnScoresWithTiesToTheLowerIndex() {
    int k = 6;
    int count = 1_111;
    SplittableRandom random = new SplittableRandom(8);
    float[] rows = new float[count * k];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = (float) random.nextGaussian();
    }
    for (int copy : new int[] {65, 400, 1_100}) {
      System.arraycopy(rows, 3 * k, rows, copy * k, k);
    }
    FactorPanels panels = FactorPanels.of(rows, count, k, false);
    for (int threads : new int[] {1, 3}) {
      int[][] top = SymmetricTopK.run(rows, panels, 7, threads);
      float[] scores = new float[panels.blocks() * 16];
      for (int i = 0; i < count; i++) {
        panels.scoreAll(rows, i * k, scores);
        int self = i;
        int[] expected = IntStream.range(0, count).filter(j -> j != self).boxed()
            .sorted(Comparator.<Integer>comparingDouble(j -> -scores[j]).thenComparing(j -> j))
            .limit(7).mapToInt(Integer::intValue).toArray();
        assertThat(top[i]).as("row %d on %d threads", i, threads).containsExactly(expected);
      }
    }
  }

  @Test
  void fewerRowsThanAskedForGiveEveryOtherRow() {
    float[] rows = {1, 0, 0, 1, 1, 1};
    int[][] top = SymmetricTopK.run(rows, FactorPanels.of(rows, 3, 2, false), 10, 2);
    assertThat(top[0]).containsExactly(2, 1);
    assertThat(top[1]).containsExactly(2, 0);
    assertThat(top[2]).containsExactly(0, 1);
  }
}
