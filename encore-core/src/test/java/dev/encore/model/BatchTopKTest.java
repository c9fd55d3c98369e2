package dev.encore.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.data.Interactions;
import dev.encore.testing.RandomInteractions;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Batch paths cross query blocks (64) and candidate tiles (1,024) and must equal the one-at-a-time paths. */
class BatchTopKTest {
  private static final Interactions DATA = RandomInteractions.generate(150, 2_100, 0.01, 9, 4);
  private static final FactorModel MODEL = new AlsTrainer(AlsConfig.defaults().withFactors(5).withIterations(3)
      .withThreads(2)).fit(DATA);

  @Test
  void recommendAllEqualsOneUserRecommendationsAcrossTiles() {
    RecommendOptions options = RecommendOptions.DEFAULT.withExclude(Set.of("i1030", "i7"));
    int[][] all = MODEL.recommendAll(12, options, 2);
    assertThat(all).hasNumberOfRows(150);
    for (int user = 0; user < 150; user++) {
      int[] expected = MODEL.recommend(user, 12, options).stream().mapToInt(ScoredItem::index).toArray();
      assertThat(all[user]).as("user %d", user).containsExactly(expected);
    }
  }

  @Test
  void fewQueriesOverManyCandidatesAreSplitByCandidateRangeWithTheSameAnswers() {
    int k = 8;
    int candidates = 5_000;
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    float[] rows = new float[candidates * k];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = (float) random.nextGaussian();
    }
    // Row 7 copied into later tiles, so later ranges: its copies tie with it, and lower indices win.
    for (int copy : new int[] {1_500, 3_100, 4_999}) {
      System.arraycopy(rows, 7 * k, rows, copy * k, k);
    }
    // Three queries and 150 (one block each), and 300 (blocks of 64, cut into ranges too).
    for (int queryCount : new int[] {3, 150, 300}) {
      float[] queries = new float[queryCount * k];
      System.arraycopy(rows, 7 * k, queries, 0, k);
      for (int i = k; i < queries.length; i++) {
        queries[i] = (float) random.nextGaussian();
      }
      dev.encore.linalg.FactorPanels panels = dev.encore.linalg.FactorPanels.of(rows, candidates, k, false);
      int excluded = 2_222;
      BatchTopK.Exclusions exclusions = (query, first, count, tile) -> {
        if (excluded >= first && excluded < first + count) {
          tile[excluded - first] = Float.NEGATIVE_INFINITY;
        }
      };

      int[][] top = BatchTopK.run(queries, queryCount, panels, 10, exclusions, 2);

      float[] padded = new float[panels.blocks() * dev.encore.linalg.Kernels.PANEL_WIDTH];
      for (int q = 0; q < queryCount; q++) {
        panels.scoreAll(queries, q * k, padded);
        float[] scores = java.util.Arrays.copyOf(padded, candidates);
        java.util.BitSet blocked = new java.util.BitSet();
        blocked.set(excluded);
        int[] expected = TopK.select(scores, 10, blocked).stream().mapToInt(ScoredItem::index).toArray();
        assertThat(top[q]).as("%d queries: query %d", queryCount, q).containsExactly(expected);
      }
      assertThat(top[0]).containsSequence(7, 1_500, 3_100, 4_999);
    }
  }

  @Test
  void recommendationsAreTheBestUnplayedItemsByScore() {
    float[] scores = new float[DATA.items().size()];
    for (int user = 0; user < 150; user += 13) {
      MODEL.scoreAll(user, scores);
      int u = user;
      List<Integer> expected = IntStream.range(0, scores.length).boxed()
          .filter(item -> DATA.userItems().find(u, item) < 0)
          .sorted(Comparator.comparingDouble((Integer item) -> -scores[item]).thenComparingInt(item -> item))
          .limit(10).toList();
      assertThat(MODEL.recommend(user, 10, RecommendOptions.DEFAULT)).extracting(ScoredItem::index)
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void similarItemsAllEqualsOneItemAtATime() {
    int[][] all = MODEL.similarItemsAll(8, 2);
    for (int item = 0; item < DATA.items().size(); item += 97) {
      List<String> expected = MODEL.similarItems(DATA.items().idOf(item), 8).stream().map(Recommendation::itemId).toList();
      assertThat(IntStream.of(all[item]).mapToObj(DATA.items()::idOf).toList()).as("item %d", item)
          .containsExactlyElementsOf(expected);
      assertThat(all[item]).doesNotContain(item);
    }
  }

  @Test
  void recommendBatchAnswersEachQueryAsAloneWithItsOwnOptionsAndCount() {
    List<RecommendQuery> queries = new java.util.ArrayList<>();
    List<List<Recommendation>> expected = new java.util.ArrayList<>();
    for (int user = 0; user < 150; user++) {
      float[] vector = MODEL.userVector(user);
      int[] played = java.util.Arrays.copyOfRange(DATA.userItems().indices(), DATA.userItems().rowStart(user),
          DATA.userItems().rowEnd(user));
      assertThat(MODEL.query(DATA.users().idOf(user), 3, RecommendOptions.DEFAULT).playedItems()).containsExactly(played);
      RecommendOptions options = switch (user % 3) {
        case 0 -> RecommendOptions.DEFAULT;
        case 1 -> RecommendOptions.keepPlayed().withExclude(Set.of("i1030", "i5"));
        default -> RecommendOptions.DEFAULT.withInclude(Set.of("i3", "i1500", "i2000", "i17", "i1024"));
      };
      int n = 1 + user % 20;
      queries.add(new RecommendQuery(vector, played, n, options));
      expected.add(MODEL.recommend(vector, played, n, options));
    }

    List<List<Recommendation>> batch = MODEL.recommendBatch(queries);

    assertThat(batch).hasSize(150);
    for (int q = 0; q < 150; q++) {
      assertThat(batch.get(q)).as("query %d", q).extracting(Recommendation::itemId)
          .containsExactlyElementsOf(expected.get(q).stream().map(Recommendation::itemId).toList());
      for (int r = 0; r < batch.get(q).size(); r++) {
        assertThat(batch.get(q).get(r).score()).isCloseTo(expected.get(q).get(r).score(),
            org.assertj.core.api.Assertions.within(1e-5f));
      }
    }
  }

  @Test
  void similarItemsBatchEqualsOneItemAtATime() {
    List<String> itemIds = IntStream.range(0, DATA.items().size()).filter(item -> item % 37 == 0)
        .mapToObj(DATA.items()::idOf).toList();

    List<List<Recommendation>> batch = MODEL.similarItemsBatch(itemIds, 9);

    for (int q = 0; q < itemIds.size(); q++) {
      assertThat(batch.get(q)).as("item %s", itemIds.get(q)).isEqualTo(MODEL.similarItems(itemIds.get(q), 9));
    }
  }

  @Test
  void itemCosinesAreTheScoresSimilarItemsRanks() {
    String itemId = DATA.items().idOf(1_500);
    float[] cosines = new float[DATA.items().size()];
    MODEL.itemCosines(itemId, cosines);

    assertThat(cosines[1_500]).isCloseTo(1f, org.assertj.core.api.Assertions.within(1e-5f));
    for (Recommendation neighbour : MODEL.similarItems(itemId, 25)) {
      assertThat(cosines[DATA.items().indexOf(neighbour.itemId())]).isEqualTo(neighbour.score());
    }
  }

  /**
   * The norm-ordered scan against a brute-force ranking of every item, on rows whose norms span
   * two orders of magnitude, with exclusions given by item number, and checks that it stopped
   * early: most queries see only the first tiles.
   */
  @Test
  void normOrderedScanEqualsBruteForceAndStopsEarly() {
    int k = 8;
    int items = 6_000;
    java.util.SplittableRandom random = new java.util.SplittableRandom(21);
    float[] rows = new float[items * k];
    for (int i = 0; i < items; i++) {
      double scale = Math.exp(random.nextGaussian() * 1.2);
      for (int a = 0; a < k; a++) {
        rows[i * k + a] = (float) (random.nextGaussian() * scale);
      }
    }
    int queryCount = 150;
    float[] queries = new float[queryCount * k];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = (float) random.nextGaussian();
    }
    NormOrderedItems byNorm = NormOrderedItems.of(rows, items, k);
    java.util.concurrent.atomic.AtomicInteger tilesScored = new java.util.concurrent.atomic.AtomicInteger();
    NormScan scan = BatchTopK.runByNorm(queries, queryCount, byNorm, 10, (query, first, count, tile) -> {
      tilesScored.incrementAndGet();
      for (int position = 0; position < count; position++) {
        if (byNorm.itemAt(first + position) % 7 == query % 7) {
          tile[position] = Float.NEGATIVE_INFINITY;
        }
      }
    }, 2);
    int[][] top = scan.top();
    for (int q = 0; q < queryCount; q++) {
      int query = q;
      float[] scores = new float[items];
      for (int i = 0; i < items; i++) {
        scores[i] = i % 7 == query % 7 ? Float.NEGATIVE_INFINITY : dot(queries, q * k, rows, i * k, k);
      }
      int[] expected = IntStream.range(0, items).boxed()
          .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparing(i -> i))
          .limit(10).mapToInt(Integer::intValue).toArray();
      assertThat(top[q]).as("query %d", q).containsExactly(expected);
    }
    int tiles = (items + 1023) / 1024;
    assertThat(tilesScored.get()).as("tiles scored over all queries").isLessThan(queryCount * tiles / 2);
    // Every tile but the last is 1,024 tracks wide: the count reported is what was scored.
    assertThat(scan.scoresComputed()).isBetween(tilesScored.get() * (long) (items - 5 * 1024),
        tilesScored.get() * 1024L);
    assertThat(scan.scoresInFull()).isEqualTo((long) queryCount * items);
  }

  @Test
  void normOrderedScanGivesEqualScoresToTheLowerItemNumber() {
    int k = 4;
    int items = 3_000;
    float[] rows = new float[items * k];
    for (int i = 0; i < items; i++) {
      rows[i * k] = 0.5f * i / items;
    }
    // Items 40 and 2,900 both score exactly 1 against (1, 0, 0, 0); 2,900's norm is larger, so
    // the norm order reaches it first, and 40 must still win the one place.
    rows[40 * k] = 1f;
    rows[2_900 * k] = 1f;
    rows[2_900 * k + 1] = 3f;
    float[] query = {1f, 0f, 0f, 0f};
    NormOrderedItems byNorm = NormOrderedItems.of(rows, items, k);
    int[][] top = BatchTopK.runByNorm(query, 1, byNorm, 1, (q, first, count, tile) -> { }, 1).top();
    assertThat(top[0]).containsExactly(40);
  }

  private static float dot(float[] a, int aOffset, float[] b, int bOffset, int k) {
    float sum = 0;
    for (int i = 0; i < k; i++) {
      sum += a[aOffset + i] * b[bOffset + i];
    }
    return sum;
  }
}
