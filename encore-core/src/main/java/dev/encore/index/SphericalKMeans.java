package dev.encore.index;

import dev.encore.concurrent.Workers;
import dev.encore.linalg.FactorPanels;
import dev.encore.linalg.Kernels;
import dev.encore.linalg.Vectors;
import java.util.SplittableRandom;

/**
 * Spherical k-means (Dhillon and Modha 2001) on unit rows: each centroid is the normalised mean
 * of the rows nearest to it by inner product. Deterministic for a seed: rows are assigned in
 * fixed chunks whose partial sums are added in chunk order, whatever the thread count.
 */
final class SphericalKMeans {
  private static final int CHUNK_ROWS = 4096;

  private SphericalKMeans() {}

  /**
   * Trains {@code clusters} unit centroids (row-major, clusters x d) on {@code rows} unit rows of
   * {@code vectors}. Starts from distinct rows drawn with {@code seed}; an emptied cluster is
   * restarted at a row drawn the same way.
   */
  static float[] train(float[] vectors, int rows, int d, int clusters, int iterations, long seed, int threads) {
    if (clusters < 1 || clusters > rows) {
      throw new IllegalArgumentException("clusters " + clusters + " must be in 1.." + rows);
    }
    SplittableRandom random = new SplittableRandom(seed);
    float[] centroids = new float[clusters * d];
    int[] start = distinctRows(random, rows, clusters);
    for (int c = 0; c < clusters; c++) {
      System.arraycopy(vectors, start[c] * d, centroids, c * d, d);
    }
    for (int iteration = 0; iteration < iterations; iteration++) {
      int[] nearest = nearest(vectors, rows, d, centroids, clusters, threads);
      double[] sums = new double[clusters * d];
      for (int r = 0; r < rows; r++) {
        int base = nearest[r] * d;
        for (int a = 0; a < d; a++) {
          sums[base + a] += vectors[r * d + a];
        }
      }
      for (int c = 0; c < clusters; c++) {
        double norm = 0;
        for (int a = 0; a < d; a++) {
          norm += sums[c * d + a] * sums[c * d + a];
        }
        if (norm == 0) {
          System.arraycopy(vectors, random.nextInt(rows) * d, centroids, c * d, d);
          continue;
        }
        double scale = 1 / Math.sqrt(norm);
        for (int a = 0; a < d; a++) {
          centroids[c * d + a] = (float) (sums[c * d + a] * scale);
        }
      }
    }
    return centroids;
  }

  /** Room for {@link #nearest}: four rows of scores and the four vectors scored together. One a thread. */
  static final class Scratch {
    final float[][] scores;
    final float[] quad;

    /** For vectors of d coordinates and panels of up to {@code blocks} blocks. */
    Scratch(int d, int blocks) {
      scores = new float[4][blocks * Kernels.PANEL_WIDTH];
      quad = new float[4 * d];
    }
  }

  /**
   * For each of the {@code count} vectors {@code vectors[group[m] * d ..]}, the index of its
   * largest score among the {@code centroids} rows, into {@code nearest[m]}. Vectors are scored
   * four at a time ({@link Kernels#scorePanelsQuad}), so each load of a centroid panel feeds four
   * of them.
   */
  static void nearest(FactorPanels panels, int centroids, float[] vectors, int d, int[] group, int count,
      Scratch scratch, int[] nearest) {
    Kernels kernels = Kernels.INSTANCE;
    float[][] scores = scratch.scores;
    float[] quad = scratch.quad;
    int m = 0;
    for (; m + 4 <= count; m += 4) {
      for (int q = 0; q < 4; q++) {
        System.arraycopy(vectors, group[m + q] * d, quad, q * d, d);
      }
      kernels.scorePanelsQuad(quad, 0, panels.array(), d, 0, panels.blocks(), scores);
      for (int q = 0; q < 4; q++) {
        nearest[m + q] = kernels.argMax(scores[q], centroids);
      }
    }
    for (; m < count; m++) {
      panels.scoreAll(vectors, group[m] * d, scores[0]);
      nearest[m] = kernels.argMax(scores[0], centroids);
    }
  }

  /** For each row, the centroid with the largest inner product (the lowest index on a tie). */
  static int[] nearest(float[] vectors, int rows, int d, float[] centroids, int clusters, int threads) {
    FactorPanels panels = FactorPanels.of(centroids, clusters, d, false);
    int[] nearest = new int[rows];
    int chunks = (rows + CHUNK_ROWS - 1) / CHUNK_ROWS;
    Workers.run(threads, chunks, () -> new Scratch(d, panels.blocks()), (scratch, chunk) -> {
      int first = chunk * CHUNK_ROWS;
      int size = Math.min(rows, first + CHUNK_ROWS) - first;
      int[] chunkRows = new int[size];
      for (int j = 0; j < size; j++) {
        chunkRows[j] = first + j;
      }
      int[] chunkNearest = new int[size];
      nearest(panels, clusters, vectors, d, chunkRows, size, scratch, chunkNearest);
      System.arraycopy(chunkNearest, 0, nearest, first, size);
    });
    return nearest;
  }

  /** Scales each row of {@code vectors} to unit length in place (a zero row stays zero). */
  static void normalizeRows(float[] vectors, int rows, int d) {
    for (int r = 0; r < rows; r++) {
      float norm = Vectors.norm(vectors, r * d, d);
      if (norm > 0) {
        for (int a = 0; a < d; a++) {
          vectors[r * d + a] /= norm;
        }
      }
    }
  }

  /** {@code count} distinct row numbers in [0, rows), by a partial Fisher-Yates shuffle. */
  static int[] distinctRows(SplittableRandom random, int rows, int count) {
    int[] order = new int[rows];
    for (int r = 0; r < rows; r++) {
      order[r] = r;
    }
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(rows - i);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return java.util.Arrays.copyOf(order, count);
  }
}
