package dev.encore.index;

/**
 * How an {@link ItemIndex} is built.
 *
 * @param lists how many lists the items are split into; 0 chooses 2 sqrt(items)
 * @param iterations spherical k-means iterations at each level
 * @param samplePerList items sampled per list to train the clustering on
 * @param targetRecall the recall@10 against exact top-10 the probe counts are chosen to reach
 * @param sampleQueries queries in each of the two samples (choosing, then measuring)
 * @param seed seeds the sample and the clustering
 * @param threads threads for assigning items to lists
 */
public record IndexSettings(int lists, int iterations, int samplePerList, double targetRecall, int sampleQueries,
    long seed, int threads) {

  public IndexSettings {
    if (lists < 0) {
      throw new IllegalArgumentException("lists " + lists + " must be >= 0 (0 chooses 2 sqrt(items))");
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations " + iterations + " must be >= 1");
    }
    if (samplePerList < 1) {
      throw new IllegalArgumentException("samplePerList " + samplePerList + " must be >= 1");
    }
    if (!(targetRecall > 0 && targetRecall <= 1)) {
      throw new IllegalArgumentException("targetRecall " + targetRecall + " must be in (0, 1]");
    }
    if (sampleQueries < 1) {
      throw new IllegalArgumentException("sampleQueries " + sampleQueries + " must be >= 1");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads " + threads + " must be >= 1");
    }
  }

  /**
   * 2 sqrt(n) lists, 8 k-means iterations, 32 sampled items a list, 0.965 target, 150 + 150
   * queries. The target is met on recommendations with played tracks left out, as served. On
   * 915,853 trained tracks 0.97 asked 448 of 1,915 lists (0.982 on fresh queries, 7x exact's
   * speed at p99), 0.965 asked 320 (0.976, 13x) and 0.96 asked 192 (0.956); on synth-10m 0.96
   * cost 0.99% of precision@10 and 0.965 0.27% (BENCHMARKS.md, "Approximate index").
   */
  public static IndexSettings defaults(int threads) {
    return new IndexSettings(0, 8, 32, 0.965, 150, 42L, threads);
  }

  public IndexSettings withTargetRecall(double recall) {
    return new IndexSettings(lists, iterations, samplePerList, recall, sampleQueries, seed, threads);
  }

  public IndexSettings withClustering(int newIterations, int newSamplePerList) {
    return new IndexSettings(lists, newIterations, newSamplePerList, targetRecall, sampleQueries, seed, threads);
  }

  public IndexSettings withLists(int count) {
    return new IndexSettings(count, iterations, samplePerList, targetRecall, sampleQueries, seed, threads);
  }

  int listsFor(int items) {
    int chosen = lists > 0 ? lists : (int) Math.round(2 * Math.sqrt(items));
    return Math.max(1, Math.min(items, chosen));
  }
}
