package dev.encore.index;

import dev.encore.concurrent.Workers;
import dev.encore.linalg.FactorPanels;
import dev.encore.linalg.Kernels;
import dev.encore.linalg.Vectors;
import dev.encore.model.ScoredItem;
import java.util.ArrayList;
import java.util.BitSet;
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
    int d = k + 1;
    float largestNorm = 0;
    for (int i = 0; i < items; i++) {
      largestNorm = Math.max(largestNorm, Vectors.norm(itemFactors, i * k, k));
    }
    Transform transform = new Transform(itemFactors, k, largestNorm);
    SplittableRandom random = new SplittableRandom(settings.seed());
    int sampleSize = Math.min(items, Math.max(settings.samplePerList() * lists, Math.min(items, 20_000)));
    int[] sampleRows = SphericalKMeans.distinctRows(random, items, sampleSize);
    float[] sample = new float[sampleSize * d];
    for (int s = 0; s < sampleSize; s++) {
      transform.write(sampleRows[s], sample, s * d);
    }
    Levels levels = cluster(sample, sampleSize, d, lists, settings, random.nextLong());
    int[] listOf = assign(transform, items, d, levels, settings.threads());
    ItemIndex unmeasured = layout(itemFactors, items, k, levels, listOf);
    ItemIndex calibrated = calibrate(unmeasured, itemFactors, userFactors, users, settings, random);
    IndexQuality measured = calibrated.quality();
    return calibrated.withQuality(new IndexQuality(measured.lists(), measured.scoreProbes(), measured.cosineProbes(),
        measured.scoreRecall(), measured.cosineRecall(), measured.sampleQueries(),
        (System.nanoTime() - started) / 1e9, calibrated.memoryBytes(), 4L * items * k));
  }

  /** The coarse centroids, and the fine centroids (the lists) each coarse cluster was split into. */
  private record Levels(float[] coarse, int coarseCount, int[] firstChild, float[] fine, int fineCount) {}

  private static Levels cluster(float[] sample, int sampleSize, int d, int lists, IndexSettings settings, long seed) {
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
    return new Levels(coarse, coarseCount, firstChild, fine, fineCount);
  }

  /** Each item's list: its nearest coarse centroid, then the nearest of that centroid's children. */
  private static int[] assign(Transform transform, int items, int d, Levels levels, int threads) {
    FactorPanels coarsePanels = FactorPanels.of(levels.coarse(), levels.coarseCount(), d, false);
    FactorPanels[] childPanels = new FactorPanels[levels.coarseCount()];
    int widest = 0;
    for (int c = 0; c < levels.coarseCount(); c++) {
      int from = levels.firstChild()[c];
      int count = levels.firstChild()[c + 1] - from;
      float[] rows = java.util.Arrays.copyOfRange(levels.fine(), from * d, (from + count) * d);
      childPanels[c] = FactorPanels.of(rows, count, d, false);
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
        transform.write(i, vector, 0);
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

  private static ItemIndex layout(float[] itemFactors, int items, int k, Levels levels, int[] listOf) {
    int lists = levels.fineCount();
    int width = Kernels.PANEL_WIDTH;
    int[] sizes = new int[lists];
    for (int list : listOf) {
      sizes[list]++;
    }
    int[] listBlocks = new int[lists + 1];
    for (int list = 0; list < lists; list++) {
      listBlocks[list + 1] = listBlocks[list] + (sizes[list] + width - 1) / width;
    }
    int slots = listBlocks[lists] * width;
    float[] panels = new float[slots * k];
    int[] slotItems = new int[slots];
    java.util.Arrays.fill(slotItems, -1);
    float[] inverseNorms = new float[slots];
    int[] next = new int[lists];
    for (int list = 0; list < lists; list++) {
      next[list] = listBlocks[list] * width;
    }
    for (int i = 0; i < items; i++) {
      int slot = next[listOf[i]]++;
      slotItems[slot] = i;
      float norm = Vectors.norm(itemFactors, i * k, k);
      inverseNorms[slot] = norm > 0 ? 1f / norm : 0f;
      int base = (slot / width) * k * width + slot % width;
      for (int a = 0; a < k; a++) {
        panels[base + a * width] = itemFactors[i * k + a];
      }
    }
    float[] centroids = new float[lists * k];
    for (int list = 0; list < lists; list++) {
      System.arraycopy(levels.fine(), list * (k + 1), centroids, list * k, k);
    }
    IndexQuality unmeasured = new IndexQuality(lists, lists, lists, 1, 1, 0, 0, 0, 4L * items * k);
    return new ItemIndex(k, items, listBlocks, panels, slotItems, inverseNorms, centroids, unmeasured);
  }

  /**
   * Chooses each question's probe count on one sample of queries and measures recall@10 on
   * another; the exact answer is the same index searched with every list probed.
   */
  private static ItemIndex calibrate(ItemIndex index, float[] itemFactors, float[] userFactors, int users,
      IndexSettings settings, SplittableRandom random) {
    int k = index.factors();
    Queries scoreQueries = userFactors != null && users > 0
        ? Queries.draw(userFactors, users, k, settings.sampleQueries(), random, false)
        : Queries.draw(itemFactors, index.items(), k, settings.sampleQueries(), random, false);
    Queries cosineQueries = Queries.draw(itemFactors, index.items(), k, settings.sampleQueries(), random, true);
    int scoreProbes = fewestProbes(index, scoreQueries.choose(), false, settings.targetRecall());
    int cosineProbes = fewestProbes(index, cosineQueries.choose(), true, settings.targetRecall());
    double scoreRecall = recall(index, scoreQueries.measure(), false, scoreProbes);
    double cosineRecall = recall(index, cosineQueries.measure(), true, cosineProbes);
    return index.withQuality(new IndexQuality(index.lists(), scoreProbes, cosineProbes, scoreRecall, cosineRecall,
        scoreQueries.measure().count(), 0, index.memoryBytes(), 4L * index.items() * k));
  }

  private static int fewestProbes(ItemIndex index, QuerySet queries, boolean cosine, double target) {
    for (int probes : PROBE_LADDER) {
      if (probes >= index.lists()) {
        break;
      }
      if (recall(index, queries, cosine, probes) >= target) {
        return probes;
      }
    }
    return index.lists();
  }

  /** Mean |approximate top 10 ∩ exact top 10| / |exact top 10| over {@code queries}. */
  static double recall(ItemIndex index, QuerySet queries, boolean cosine, int probes) {
    if (queries.count() == 0) {
      return 1;
    }
    double sum = 0;
    for (int q = 0; q < queries.count(); q++) {
      BitSet blocked = queries.blocked(q);
      List<ScoredItem> exact = index.search(queries.vectors(), q * index.factors(), RECALL_AT, blocked,
          index.lists(), cosine);
      List<ScoredItem> approximate = index.search(queries.vectors(), q * index.factors(), RECALL_AT, blocked,
          probes, cosine);
      sum += overlap(exact, approximate);
    }
    return sum / queries.count();
  }

  static double overlap(List<ScoredItem> exact, List<ScoredItem> approximate) {
    if (exact.isEmpty()) {
      return 1;
    }
    BitSet found = new BitSet();
    for (ScoredItem item : approximate) {
      found.set(item.index());
    }
    int hits = 0;
    for (ScoredItem item : exact) {
      if (found.get(item.index())) {
        hits++;
      }
    }
    return (double) hits / exact.size();
  }

  /** Query vectors, row-major, and for similar-track queries the track each one is (left out). */
  record QuerySet(float[] vectors, int[] selves, int count) {
    BitSet blocked(int query) {
      if (selves == null) {
        return null;
      }
      BitSet blocked = new BitSet();
      blocked.set(selves[query]);
      return blocked;
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

  /** Bachrach et al. (2014): {@code y -> [y, sqrt(M^2 - |y|^2)] / M}, a unit vector in k + 1 dimensions. */
  private record Transform(float[] factors, int k, float largestNorm) {
    void write(int item, float[] out, int offset) {
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
  }
}
