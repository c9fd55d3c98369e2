package dev.encore.index;

/**
 * The top level of an index's two-level clustering, trained on a sample: its unit centroids
 * (row-major, count x d), each sample row's nearest centroid, and how many rows each has.
 *
 * <p>An item is compared with every coarse centroid and then with the children of its nearest,
 * whose number is that cluster's share of the lists: {@link #cost} = c + lists * sum(share^2)
 * inner products an item, c + lists / c when the clusters are even.
 */
record CoarseLevel(float[] centroids, int count, int[] nearest, int[] members) {
  /**
   * How far above an even level's cost a level's must be ({@code c * sum(share^2)}) for its
   * largest clusters to be split. At 10^7 tracks the lowest-norm band's was 13.8 and the other
   * levels' 1.1 to 1.8; splitting those too (two of them, at 1.75 and 1.41, went to 1.38 with
   * more centroids) took recommendations from 32 to 48 probes for about the same recall.
   */
  static final double UNEVEN = 2;
  /** Rounds of splits: each splits the clusters the one before left too large. */
  private static final int SPLIT_ROUNDS = 3;

  static CoarseLevel train(float[] sample, int sampleSize, int d, int count, IndexSettings settings, long seed) {
    float[] centroids = SphericalKMeans.train(sample, sampleSize, d, count, settings.iterations(), seed,
        settings.threads());
    int[] nearest = SphericalKMeans.nearest(sample, sampleSize, d, centroids, count, settings.threads());
    return new CoarseLevel(centroids, count, nearest, counts(nearest, count));
  }

  /** Inner products an item costs to assign when the level's clusters share {@code lists} lists. */
  double cost(int lists) {
    return count + lists * sumOfSquaredShares();
  }

  /** {@code c * sum(share^2)}: 1 for even clusters, c when one holds every row. */
  double unevenness() {
    return count * sumOfSquaredShares();
  }

  private double sumOfSquaredShares() {
    double sum = 0;
    for (int rows : members) {
      double share = (double) rows / nearest.length;
      sum += share * share;
    }
    return sum;
  }

  /**
   * This level, or where it is more than {@link #UNEVEN} from even, this level with each
   * cluster whose split saves more than it costs split into coarse clusters of its own.
   *
   * <p>A cluster with share p of the sample and ch = p * lists children, split into
   * s = sqrt(ch), adds s - 1 centroids for every item and saves ch (1 - 1/s) for its own: worth
   * it where p ch (1 - 1/s) > s - 1. At 10^7 tracks the lowest-norm band, whose transformed
   * items crowd near one pole, had sum(share^2) 0.31 with 44 coarse centroids, and training 165
   * instead had not evened it; three rounds of splits reached 116 centroids and 0.023, and the
   * band's assignment went from 2.3 to 1.2 s.
   */
  CoarseLevel evened(float[] sample, int d, int lists, IndexSettings settings, long seed) {
    if (unevenness() <= UNEVEN) {
      return this;
    }
    CoarseLevel level = this;
    for (int round = 0; round < SPLIT_ROUNDS; round++) {
      int[] parts = level.worthSplitting(lists);
      if (parts == null) {
        break;
      }
      level = level.split(parts, sample, d, settings, seed + 7919L * (round + 1));
    }
    return level;
  }

  /** Into how many clusters each cluster is worth splitting (0: kept), or null when none is. */
  int[] worthSplitting(int lists) {
    int[] parts = new int[count];
    boolean any = false;
    for (int c = 0; c < count; c++) {
      double share = (double) members[c] / nearest.length;
      double children = share * lists;
      int split = (int) Math.min(members[c], Math.round(Math.sqrt(children)));
      if (split >= 2 && share * children * (1 - 1.0 / split) > split - 1) {
        parts[c] = split;
        any = true;
      }
    }
    return any ? parts : null;
  }

  /**
   * Each cluster c with {@code parts[c] > 0} replaced, in its place, by that many centroids
   * trained on its own sample rows, each of which moves to the nearest of them.
   */
  CoarseLevel split(int[] parts, float[] sample, int d, IndexSettings settings, long seed) {
    int[] firstOf = new int[count + 1];
    for (int c = 0; c < count; c++) {
      firstOf[c + 1] = firstOf[c] + Math.max(1, parts[c]);
    }
    int newCount = firstOf[count];
    float[] newCentroids = new float[newCount * d];
    int[] newNearest = new int[nearest.length];
    for (int r = 0; r < nearest.length; r++) {
      newNearest[r] = firstOf[nearest[r]];
    }
    Grouped grouped = grouped(sample, d);
    for (int c = 0; c < count; c++) {
      if (parts[c] == 0) {
        System.arraycopy(centroids, c * d, newCentroids, firstOf[c] * d, d);
        continue;
      }
      float[] own = grouped.rowsOf(c, d);
      int rows = members[c];
      float[] split = SphericalKMeans.train(own, rows, d, parts[c], settings.iterations(), seed + c,
          settings.threads());
      int[] partOf = SphericalKMeans.nearest(own, rows, d, split, parts[c], settings.threads());
      System.arraycopy(split, 0, newCentroids, firstOf[c] * d, split.length);
      for (int j = 0; j < rows; j++) {
        newNearest[grouped.order()[grouped.starts()[c] + j]] += partOf[j];
      }
    }
    return new CoarseLevel(newCentroids, newCount, newNearest, counts(newNearest, newCount));
  }

  /** The sample's rows grouped by cluster, in sample order within each (a counting sort). */
  Grouped grouped(float[] sample, int d) {
    int[] starts = new int[count + 1];
    for (int c = 0; c < count; c++) {
      starts[c + 1] = starts[c] + members[c];
    }
    int[] next = java.util.Arrays.copyOf(starts, count);
    int[] order = new int[nearest.length];
    for (int r = 0; r < nearest.length; r++) {
      order[next[nearest[r]]++] = r;
    }
    float[] rows = new float[nearest.length * d];
    for (int j = 0; j < order.length; j++) {
      System.arraycopy(sample, order[j] * d, rows, j * d, d);
    }
    return new Grouped(rows, starts, order);
  }

  /**
   * Sample rows grouped by cluster: cluster c's are rows {@code [starts[c], starts[c + 1])} of
   * {@code rows}, and grouped row j is sample row {@code order[j]}.
   */
  record Grouped(float[] rows, int[] starts, int[] order) {
    /** Cluster c's rows, row-major, a copy of its own. */
    float[] rowsOf(int cluster, int d) {
      return java.util.Arrays.copyOfRange(rows, starts[cluster] * d, starts[cluster + 1] * d);
    }
  }

  private static int[] counts(int[] nearest, int count) {
    int[] members = new int[count];
    for (int cluster : nearest) {
      members[cluster]++;
    }
    return members;
  }
}
