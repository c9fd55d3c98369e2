package dev.encore.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.encore.model.ScoredItem;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ItemIndexTest {
  private static final int K = 16;

  /** Items around 40 directions with norms spread over 20x, as ALS item factors are (popularity). */
  private static float[] clusteredFactors(Random random, int rows) {
    float[][] centres = new float[40][K];
    for (float[] centre : centres) {
      for (int a = 0; a < K; a++) {
        centre[a] = (float) random.nextGaussian();
      }
    }
    float[] factors = new float[rows * K];
    for (int r = 0; r < rows; r++) {
      float[] centre = centres[random.nextInt(centres.length)];
      float scale = 0.05f + random.nextFloat();
      for (int a = 0; a < K; a++) {
        factors[r * K + a] = scale * (centre[a] + 0.6f * (float) random.nextGaussian());
      }
    }
    return factors;
  }

  /** The best n by a double-precision dot product (cosine when asked), lower index first on ties. */
  private static List<Integer> bruteForce(float[] items, int rows, float[] query, int n, BitSet blocked,
      boolean cosine) {
    List<double[]> scored = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      if (blocked != null && blocked.get(i)) {
        continue;
      }
      double dot = 0;
      double norm = 0;
      for (int a = 0; a < K; a++) {
        dot += (double) query[a] * items[i * K + a];
        norm += (double) items[i * K + a] * items[i * K + a];
      }
      scored.add(new double[] {cosine ? dot / Math.sqrt(norm) : dot, i});
    }
    scored.sort(Comparator.<double[]>comparingDouble(s -> -s[0]).thenComparingDouble(s -> s[1]));
    List<Integer> best = new ArrayList<>();
    for (int j = 0; j < Math.min(n, scored.size()); j++) {
      best.add((int) scored.get(j)[1]);
    }
    return best;
  }

  private static List<Integer> indices(List<ScoredItem> items) {
    return items.stream().map(ScoredItem::index).toList();
  }

  @Test
  void theCalibrationsExactAnswersLeaveOutEachQuerysItems() {
    Random random = new Random(7);
    int rows = 2_000;
    float[] items = clusteredFactors(random, rows);
    float[] users = clusteredFactors(random, 6);
    ItemIndex index = ItemIndexBuilder.build(items, rows, K, null, 0, IndexSettings.defaults(1));
    int[][] leftOut = new int[6][];
    for (int q = 0; q < leftOut.length; q++) {
      // A query's own best tracks are left out, so the answer must reach past them.
      List<Integer> best = bruteForce(items, rows, java.util.Arrays.copyOfRange(users, q * K, q * K + K), 5 * q,
          null, false);
      leftOut[q] = best.stream().mapToInt(Integer::intValue).toArray();
    }
    // One thread scans every tile per query block; two cut the tiles into ranges and merge.
    for (int threads : new int[] {1, 2}) {
      List<List<ScoredItem>> answers = index.scoreLists().exactBatch(users, 6, 10, leftOut, null, threads);
      for (int q = 0; q < leftOut.length; q++) {
        BitSet blocked = new BitSet();
        for (int item : leftOut[q]) {
          blocked.set(item);
        }
        assertThat(indices(answers.get(q))).as("query %d, %d threads", q, threads)
            .isEqualTo(bruteForce(items, rows, java.util.Arrays.copyOfRange(users, q * K, q * K + K), 10, blocked,
                false));
      }
    }
  }

  @Test
  void theNormBoundedExactAnswersMatchABruteForceScanWithLeftOutItems() {
    Random random = new Random(9);
    int rows = 3_000;
    float[] items = clusteredFactors(random, rows);
    int queries = 12;
    float[] users = clusteredFactors(random, queries);
    ItemIndex index = ItemIndexBuilder.build(items, rows, K, null, 0, IndexSettings.defaults(1));
    int[] listOf = index.listOfItems(false);
    float[] listNorms = new float[index.lists(false)];
    for (int item = 0; item < rows; item++) {
      listNorms[listOf[item]] = Math.max(listNorms[listOf[item]],
          dev.encore.linalg.Vectors.norm(items, item * K, K));
    }
    BitSet[] blocked = new BitSet[queries];
    for (int q = 0; q < queries; q++) {
      // The query's own best tracks are left out, so the scan must reach below the largest norms.
      blocked[q] = new BitSet();
      for (int item : bruteForce(items, rows, java.util.Arrays.copyOfRange(users, q * K, q * K + K), 8 * q, null,
          false)) {
        blocked[q].set(item);
      }
    }
    for (int threads : new int[] {1, 3}) {
      List<List<ScoredItem>> answers = index.scoreLists().exactByNorm(users, queries, 10, q -> blocked[q]::get,
          listNorms, threads);
      for (int q = 0; q < queries; q++) {
        assertThat(indices(answers.get(q))).as("query %d, %d threads", q, threads)
            .isEqualTo(bruteForce(items, rows, java.util.Arrays.copyOfRange(users, q * K, q * K + K), 10,
                blocked[q], false));
      }
    }
  }

  @Test
  void probingEveryListIsExactForScoresAndCosinesWithBlockedItems() {
    Random random = new Random(1);
    int rows = 3_000;
    float[] items = clusteredFactors(random, rows);
    float[] users = clusteredFactors(random, 50);
    ItemIndex index = ItemIndexBuilder.build(items, rows, K, users, 50, IndexSettings.defaults(2));
    for (int q = 0; q < 20; q++) {
      float[] query = java.util.Arrays.copyOfRange(users, q * K, q * K + K);
      BitSet blocked = new BitSet();
      for (int b = 0; b < 30; b++) {
        blocked.set(random.nextInt(rows));
      }
      assertThat(indices(index.search(query, 0, 10, blocked::get, index.lists(false), false)))
          .as("query %d by score", q).isEqualTo(bruteForce(items, rows, query, 10, blocked, false));
      float[] unit = query.clone();
      SphericalKMeans.normalizeRows(unit, 1, K);
      assertThat(indices(index.search(unit, 0, 10, blocked::get, index.lists(true), true)))
          .as("query %d by cosine", q).isEqualTo(bruteForce(items, rows, unit, 10, blocked, true));
    }
  }

  @Test
  void everyItemSitsInExactlyOneSlotWithItsOwnFactorsAndOneDirectionList() {
    Random random = new Random(2);
    int rows = 2_345;
    float[] items = clusteredFactors(random, rows);
    ItemIndex index = ItemIndexBuilder.build(items, rows, K, null, 0, IndexSettings.defaults(1));
    int[] members = index.directionLists().members().clone();
    java.util.Arrays.sort(members);
    assertThat(members).isEqualTo(java.util.stream.IntStream.range(0, rows).toArray());
    int[] slots = index.scoreLists().slotItems();
    int[] seen = new int[rows];
    int width = dev.encore.linalg.Kernels.PANEL_WIDTH;
    for (int slot = 0; slot < slots.length; slot++) {
      if (slots[slot] < 0) {
        continue;
      }
      seen[slots[slot]]++;
      int base = (slot / width) * K * width + slot % width;
      for (int a = 0; a < K; a++) {
        assertThat(index.scoreLists().panels()[base + a * width]).isEqualTo(items[slots[slot] * K + a]);
      }
    }
    assertThat(seen).containsOnly(1);
    assertThat(index.lists(false)).isBetween(50, 150);
    assertThat(index.lists(true)).isBetween(50, 150);
  }

  @Test
  void reportedRecallHoldsOnFreshQueriesAndProbesStayFew() {
    Random random = new Random(3);
    int rows = 20_000;
    float[] items = clusteredFactors(random, rows);
    float[] users = clusteredFactors(random, 2_000);
    ItemIndex index = ItemIndexBuilder.build(items, rows, K, users, 2_000,
        IndexSettings.defaults(2).withTargetRecall(0.95));
    IndexQuality quality = index.quality();
    assertThat(quality.scoreRecall()).isGreaterThanOrEqualTo(0.9);
    assertThat(quality.cosineRecall()).isGreaterThanOrEqualTo(0.9);
    assertThat(quality.scoreProbes()).isLessThan(index.lists(false) / 2);
    assertThat(quality.cosineProbes()).isLessThan(index.lists(true) / 2);
    double sum = 0;
    int queries = 200;
    for (int q = 0; q < queries; q++) {
      float[] query = new float[K];
      float[] user = clusteredFactors(random, 1);
      System.arraycopy(user, 0, query, 0, K);
      List<Integer> exact = bruteForce(items, rows, query, 10, null, false);
      List<Integer> found = indices(index.topByScore(query, 0, 10, null));
      sum += exact.stream().filter(found::contains).count() / 10.0;
    }
    assertThat(sum / queries).as("recall on fresh listeners").isCloseTo(quality.scoreRecall(), within(0.05));
    assertThat(quality.memoryRatio()).isLessThan(1.5);
  }

  @Test
  void aBuildIsRepeatableForItsSeed() {
    Random random = new Random(4);
    int rows = 5_000;
    float[] items = clusteredFactors(random, rows);
    ItemIndex first = ItemIndexBuilder.build(items, rows, K, null, 0, IndexSettings.defaults(1));
    ItemIndex second = ItemIndexBuilder.build(items, rows, K, null, 0, IndexSettings.defaults(2));
    assertThat(second.scoreLists().slotItems()).isEqualTo(first.scoreLists().slotItems());
    assertThat(second.directionLists().members()).isEqualTo(first.directionLists().members());
    assertThat(second.quality().scoreProbes()).isEqualTo(first.quality().scoreProbes());
  }
}
