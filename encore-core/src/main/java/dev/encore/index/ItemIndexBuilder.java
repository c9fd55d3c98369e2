package dev.encore.index;

import dev.encore.concurrent.Workers;
import dev.encore.linalg.FactorPanels;
import dev.encore.linalg.Kernels;
import dev.encore.linalg.Vectors;
import dev.encore.model.ScoredItem;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds an {@link ItemIndex} from item factors: clusters the transformed items into lists in two
 * levels (a coarse spherical k-means on a sample, then each coarse cluster split again), assigns
 * every item to its list through the coarse level, lays the lists out, then chooses how many lists
 * each question probes: the fewest that reach {@link IndexSettings#targetRecall()} on one sample
 * of queries, whose recall is then reported on another.
 *
 * <p>Two levels keep the build linear in the catalogue: each item is compared with about
 * 2 sqrt(lists) centroids instead of all of them (at 10^7 items and 6,000 lists, 160 instead of
 * 6,000 inner products).
 */
public final class ItemIndexBuilder {
  private static final int CHUNK_ROWS = 4096;
  private static final int[] PROBE_LADDER = {1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512,
      768, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 12288, 16384};
  private static final int RECALL_AT = 10;
  private static final int NORM_BANDS = 8;

  private ItemIndexBuilder() {}

  /**
   * Builds the index over {@code items} rows of {@code itemFactors} (row-major, k each).
   * {@code userFactors} (may be null or empty) supplies the listeners whose recommendations the
   * probe count is chosen on; without them the tracks themselves stand in as queries.
   */
  public static ItemIndex build(float[] itemFactors, int items, int k, float[] userFactors, int users,
      IndexSettings settings) {
    long started = System.nanoTime();
    if (items < 1) {
      throw new IllegalArgumentException("an index needs at least one item");
    }
    int lists = settings.listsFor(items);
    SplittableRandom random = new SplittableRandom(settings.seed());
    int sampleSize = Math.min(items, Math.max(settings.samplePerList() * lists, Math.min(items, 20_000)));
    int[] sampleRows = SphericalKMeans.distinctRows(random, items, sampleSize);

    Transform direction = Transform.direction(itemFactors, k);
    ScoreLists scoreLists = scoreLists(itemFactors, items, k, lists, settings, random);

    Levels directionLevels = cluster(direction, sampleRows, lists, settings, random.nextLong());
    int[] directionListOf = assign(direction, null, items, directionLevels, settings.threads());
    DirectionLists directionLists = DirectionLists.of(itemFactors, items, k, directionLevels.fineCount(),
        directionListOf, directionLevels.fineFirst(k));

    IndexQuality unmeasured = new IndexQuality(scoreLists.lists(), scoreLists.lists(), directionLists.lists(), 1, 1,
        0, 0, 0, 4L * items * k);
    ItemIndex index = new ItemIndex(k, items, scoreLists, directionLists, unmeasured);
    return calibrate(index, itemFactors, userFactors, users, settings, random, started);
  }

  /**
   * Norm-ranging lists (Yan et al. 2018): the items are cut into bands by norm, each band
   * clustered after Bachrach et al.'s transform with its own largest norm, into lists in
   * proportion to its size. With one largest norm for all items the extra coordinate outweighs
   * the direction of every item far below it, and the lists sort items by norm more than by
   * direction; clustering directions alone mixes norms in every list, so a list's centroid says
   * little about its best inner product (on 186,650 trained tracks, recall@10 at 64 of 864 lists
   * probed: 0.96 with one M, 0.93 by direction, 0.97 with bands).
   */
  private static ScoreLists scoreLists(float[] itemFactors, int items, int k, int lists,
      IndexSettings settings, SplittableRandom random) {
    // Sorted as longs (norm bits above the item number: non-negative floats order as their bits),
    // not boxed: at 10^7 items a comparator sort of Integers took seconds.
    long[] byNorm = new long[items];
    for (int i = 0; i < items; i++) {
      byNorm[i] = ((long) Float.floatToIntBits(Vectors.norm(itemFactors, i * k, k)) << 32) | i;
    }
    java.util.Arrays.parallelSort(byNorm);
    int bands = Math.max(1, Math.min(NORM_BANDS, lists));
    int[] listOf = new int[items];
    List<float[]> centroids = new ArrayList<>();
    int listBase = 0;
    for (int band = 0; band < bands; band++) {
      // Each band holds half of the items above the one before: recommendations come from the
      // largest norms, whose spread is widest, so the top bands are the narrowest.
      int from = band == 0 ? 0 : items - (int) (items >> band);
      int to = band == bands - 1 ? items : items - (int) (items >> (band + 1));
      if (to <= from) {
        continue;
      }
      int[] rows = new int[to - from];
      for (int j = 0; j < rows.length; j++) {
        rows[j] = (int) byNorm[from + j];
      }
      // In item order the band's rows are read from the factors front to back, not at random.
      java.util.Arrays.sort(rows);
      // Half the lists by size, half shared equally: a narrow top band still gets lists enough to
      // split its directions, or its one centroid would average them away and be probed late.
      double share = 0.5 * rows.length / items + 0.5 / bands;
      int bandLists = (int) Math.max(1, Math.min(rows.length, Math.round(lists * share)));
      int sampleSize = Math.min(rows.length, settings.samplePerList() * bandLists);
      int[] sample = SphericalKMeans.distinctRows(random, rows.length, sampleSize);
      for (int s = 0; s < sampleSize; s++) {
        sample[s] = rows[sample[s]];
      }
      float largestNorm = Float.intBitsToFloat((int) (byNorm[to - 1] >>> 32));
      Transform bachrach = Transform.bachrach(itemFactors, k, largestNorm);
      Levels levels = cluster(bachrach, sample, bandLists, settings, random.nextLong());
      int[] local = assign(bachrach, rows, rows.length, levels, settings.threads());
      for (int j = 0; j < rows.length; j++) {
        listOf[rows[j]] = listBase + local[j];
      }
      // [q, 0] . c' estimates q . y / M for the band's items: scaled by M, centroids of all bands compare.
      float[] scaled = levels.fineFirst(k);
      for (int a = 0; a < scaled.length; a++) {
        scaled[a] *= largestNorm;
      }
      centroids.add(scaled);
      listBase += levels.fineCount();
    }
    float[] allCentroids = new float[listBase * k];
    int offset = 0;
    for (float[] band : centroids) {
      System.arraycopy(band, 0, allCentroids, offset, band.length);
      offset += band.length;
    }
    return ScoreLists.of(itemFactors, items, k, listBase, listOf, allCentroids);
  }

  /** The coarse centroids, and the fine centroids (the lists) each coarse cluster was split into. */
  private record Levels(int d, float[] coarse, int coarseCount, int[] firstChild, float[] fine, int fineCount) {
    /** The fine centroids' first k coordinates, row-major. */
    float[] fineFirst(int k) {
      float[] rows = new float[fineCount * k];
      for (int c = 0; c < fineCount; c++) {
        System.arraycopy(fine, c * d, rows, c * k, k);
      }
      return rows;
    }
  }

  private static Levels cluster(Transform transform, int[] sampleRows, int lists, IndexSettings settings, long seed) {
    int d = transform.dimensions();
    int sampleSize = sampleRows.length;
    float[] sample = new float[sampleSize * d];
    for (int s = 0; s < sampleSize; s++) {
      transform.write(sampleRows[s], sample, s * d);
    }
    int coarseCount = Math.max(1, Math.min(sampleSize, (int) Math.round(Math.sqrt(lists))));
    float[] coarse = SphericalKMeans.train(sample, sampleSize, d, coarseCount, settings.iterations(), seed,
        settings.threads());
    int[] nearest = SphericalKMeans.nearest(sample, sampleSize, d, coarse, coarseCount, settings.threads());
    int[] members = new int[coarseCount];
    for (int cluster : nearest) {
      members[cluster]++;
    }
    int[] firstChild = new int[coarseCount + 1];
    List<float[]> children = new ArrayList<>();
    int fineCount = 0;
    for (int c = 0; c < coarseCount; c++) {
      firstChild[c] = fineCount;
      if (members[c] == 0) {
        continue;
      }
      float[] rows = new float[members[c] * d];
      int filled = 0;
      for (int s = 0; s < sampleSize; s++) {
        if (nearest[s] == c) {
          System.arraycopy(sample, s * d, rows, filled++ * d, d);
        }
      }
      // Each coarse cluster gets lists in proportion to its share of the sample.
      int share = (int) Math.max(1, Math.min(members[c], Math.round((double) lists * members[c] / sampleSize)));
      children.add(SphericalKMeans.train(rows, members[c], d, share, settings.iterations(), seed + 1 + c, 1));
      fineCount += share;
    }
    firstChild[coarseCount] = fineCount;
    float[] fine = new float[fineCount * d];
    int offset = 0;
    for (float[] child : children) {
      System.arraycopy(child, 0, fine, offset, child.length);
      offset += child.length;
    }
    return new Levels(d, coarse, coarseCount, firstChild, fine, fineCount);
  }

  /**
   * The list of each of {@code count} items ({@code rows[j]}, or item j when rows is null): its
   * nearest coarse centroid, then the nearest of that centroid's children.
   */
  private static int[] assign(Transform transform, int[] rows, int count, Levels levels, int threads) {
    int items = count;
    int d = levels.d();
    FactorPanels coarsePanels = FactorPanels.of(levels.coarse(), levels.coarseCount(), d, false);
    FactorPanels[] childPanels = new FactorPanels[levels.coarseCount()];
    int widest = 0;
    for (int c = 0; c < levels.coarseCount(); c++) {
      int from = levels.firstChild()[c];
      int children = levels.firstChild()[c + 1] - from;
      float[] centroids = java.util.Arrays.copyOfRange(levels.fine(), from * d, (from + children) * d);
      childPanels[c] = FactorPanels.of(centroids, children, d, false);
      widest = Math.max(widest, childPanels[c].blocks());
    }
    int scoreLength = Math.max(coarsePanels.blocks(), widest) * Kernels.PANEL_WIDTH;
    int[] listOf = new int[items];
    int chunks = (items + CHUNK_ROWS - 1) / CHUNK_ROWS;
    Workers.run(threads, chunks, chunk -> {
      float[] vector = new float[d];
      float[] scores = new float[scoreLength];
      int end = Math.min(items, (chunk + 1) * CHUNK_ROWS);
      for (int i = chunk * CHUNK_ROWS; i < end; i++) {
        transform.write(rows == null ? i : rows[i], vector, 0);
        coarsePanels.scoreAll(vector, 0, scores);
        int coarse = SphericalKMeans.argMax(scores, levels.coarseCount());
        FactorPanels children = childPanels[coarse];
        if (children.rows() == 0) {
          coarse = nearestWithChildren(levels, coarse);
          children = childPanels[coarse];
        }
        children.scoreAll(vector, 0, scores);
        listOf[i] = levels.firstChild()[coarse] + SphericalKMeans.argMax(scores, children.rows());
      }
    });
    return listOf;
  }

  /** A coarse cluster that drew no sample rows has no lists: use the next one that has. */
  private static int nearestWithChildren(Levels levels, int coarse) {
    for (int step = 1; step < levels.coarseCount(); step++) {
      int candidate = (coarse + step) % levels.coarseCount();
      if (levels.firstChild()[candidate + 1] > levels.firstChild()[candidate]) {
        return candidate;
      }
    }
    throw new IllegalStateException("no coarse cluster has lists");
  }

  /**
   * Chooses each question's probe count on one sample of queries and measures recall@10 on
   * another; the exact answer is the same index searched with every list probed.
   */
  private static ItemIndex calibrate(ItemIndex index, float[] itemFactors, float[] userFactors, int users,
      IndexSettings settings, SplittableRandom random, long started) {
    int k = index.factors();
    Queries scoreQueries = userFactors != null && users > 0
        ? Queries.draw(userFactors, users, k, settings.sampleQueries(), random, false)
        : Queries.draw(itemFactors, index.items(), k, settings.sampleQueries(), random, false);
    Queries cosineQueries = Queries.draw(itemFactors, index.items(), k, settings.sampleQueries(), random, true);
    float[] inverseNorms = new float[index.items()];
    for (int i = 0; i < inverseNorms.length; i++) {
      float norm = Vectors.norm(itemFactors, i * k, k);
      inverseNorms[i] = norm > 0 ? 1f / norm : 0f;
    }
    int threads = settings.threads();
    int scoreProbes = fewestProbes(new Exact(index, scoreQueries.choose(), null, threads), settings.targetRecall());
    int cosineProbes = fewestProbes(new Exact(index, cosineQueries.choose(), inverseNorms, threads),
        settings.targetRecall());
    double scoreRecall = new Exact(index, scoreQueries.measure(), null, threads).recall(scoreProbes);
    double cosineRecall = new Exact(index, cosineQueries.measure(), inverseNorms, threads).recall(cosineProbes);
    double seconds = (System.nanoTime() - started) / 1e9;
    return index.withQuality(new IndexQuality(index.lists(false), scoreProbes, cosineProbes, scoreRecall,
        cosineRecall, scoreQueries.measure().count(), seconds, index.memoryBytes(), 4L * index.items() * k));
  }

  private static int fewestProbes(Exact exact, double target) {
    int lists = exact.index.lists(exact.cosine);
    for (int probes : PROBE_LADDER) {
      if (probes >= lists) {
        break;
      }
      if (exact.recall(probes) >= target) {
        return probes;
      }
    }
    return lists;
  }

  /**
   * Each query's exact top 10, computed once by scanning every list's copy of the factors (by
   * cosine when item inverse norms are given), against which recall is taken.
   */
  private static final class Exact {
    private final ItemIndex index;
    private final QuerySet queries;
    private final boolean cosine;
    private final List<List<ScoredItem>> answers;

    Exact(ItemIndex index, QuerySet queries, float[] itemInverseNorms, int threads) {
      this.index = index;
      this.queries = queries;
      this.cosine = itemInverseNorms != null;
      this.answers = index.scoreLists().exactBatch(queries.vectors(), queries.count(), RECALL_AT, queries.selves(),
          itemInverseNorms, threads);
    }

    /** Mean |top 10 probing {@code probes} lists ∩ exact top 10| / |exact top 10|. */
    double recall(int probes) {
      if (queries.count() == 0) {
        return 1;
      }
      double sum = 0;
      for (int q = 0; q < queries.count(); q++) {
        sum += Recall.overlap(answers.get(q), index.search(queries.vectors(), q * index.factors(), RECALL_AT,
            queries.blocked(q), probes, cosine));
      }
      return sum / queries.count();
    }
  }

  /** Query vectors, row-major, and for similar-track queries the track each one is (left out). */
  record QuerySet(float[] vectors, int[] selves, int count) {
    java.util.function.IntPredicate blocked(int query) {
      if (selves == null) {
        return null;
      }
      int self = selves[query];
      return item -> item == self;
    }
  }

  /** Two disjoint samples of queries: one chooses the probe count, the other measures recall. */
  private record Queries(QuerySet choose, QuerySet measure) {
    static Queries draw(float[] factors, int rows, int k, int perSample, SplittableRandom random, boolean unitSelf) {
      int count = Math.min(rows, 2 * perSample);
      int[] drawn = SphericalKMeans.distinctRows(random, rows, count);
      int half = count / 2;
      return new Queries(set(factors, k, drawn, 0, half, unitSelf), set(factors, k, drawn, half, count, unitSelf));
    }

    private static QuerySet set(float[] factors, int k, int[] rows, int from, int to, boolean unitSelf) {
      int count = to - from;
      float[] vectors = new float[count * k];
      int[] selves = unitSelf ? new int[count] : null;
      for (int q = 0; q < count; q++) {
        System.arraycopy(factors, rows[from + q] * k, vectors, q * k, k);
        if (unitSelf) {
          selves[q] = rows[from + q];
        }
      }
      if (unitSelf) {
        SphericalKMeans.normalizeRows(vectors, count, k);
      }
      return new QuerySet(vectors, selves, count);
    }
  }

  /** What the lists cluster: each item written as a unit vector of {@link #dimensions()} floats. */
  private interface Transform {
    int dimensions();

    void write(int item, float[] out, int offset);

    /**
     * Bachrach et al. (2014): {@code y -> [y, sqrt(M^2 - |y|^2)] / M}, under which the largest
     * inner product with {@code [q, 0]} is the nearest direction; M is the largest norm of the
     * items it is used for.
     */
    static Transform bachrach(float[] factors, int k, float largestNorm) {
      return new Transform() {
        @Override
        public int dimensions() {
          return k + 1;
        }

        @Override
        public void write(int item, float[] out, int offset) {
          if (largestNorm == 0) {
            java.util.Arrays.fill(out, offset, offset + k, 0f);
            out[offset + k] = 1f;
            return;
          }
          double squared = 0;
          for (int a = 0; a < k; a++) {
            float value = factors[item * k + a];
            out[offset + a] = value / largestNorm;
            squared += (double) value * value;
          }
          double rest = (double) largestNorm * largestNorm - squared;
          out[offset + k] = (float) (Math.sqrt(Math.max(0, rest)) / largestNorm);
        }
      };
    }

    /** The item's direction, {@code y / |y|} (a zero row stays zero). */
    static Transform direction(float[] factors, int k) {
      return new Transform() {
        @Override
        public int dimensions() {
          return k;
        }

        @Override
        public void write(int item, float[] out, int offset) {
          float norm = Vectors.norm(factors, item * k, k);
          float scale = norm > 0 ? 1f / norm : 0f;
          for (int a = 0; a < k; a++) {
            out[offset + a] = factors[item * k + a] * scale;
          }
        }
      };
    }
  }
}
