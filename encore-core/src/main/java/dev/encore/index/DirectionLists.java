package dev.encore.index;

import dev.encore.linalg.FactorPanels;
import dev.encore.linalg.Kernels;
import dev.encore.model.TopK;
import java.util.function.IntPredicate;

/**
 * The lists that answer "largest cosine": clusters of the items' directions, probed in the order
 * of {@code q . centroid} for a unit query. They hold only item numbers and inverse norms: a list
 * is scored by reading its items' rows from the model's own factors, {@code q . y / |y|}, so this
 * half of the index costs 8 bytes an item rather than a second copy of the factors.
 */
final class DirectionLists {
  private final int factors;
  private final float[] itemFactors;
  private final int[] listStarts;
  private final int[] members;
  private final float[] inverseNorms;
  private final float[] centroidRows;
  private final FactorPanels centroids;

  DirectionLists(int factors, float[] itemFactors, int[] listStarts, int[] members, float[] inverseNorms,
      float[] centroids) {
    this.factors = factors;
    this.itemFactors = itemFactors;
    this.listStarts = listStarts;
    this.members = members;
    this.inverseNorms = inverseNorms;
    this.centroidRows = centroids;
    this.centroids = FactorPanels.of(centroids, listStarts.length - 1, factors, false);
  }

  /** The lists {@code listOf} assigns, each member with its inverse norm from {@code itemInverseNorms}. */
  static DirectionLists of(float[] itemFactors, float[] itemInverseNorms, int items, int k, int lists, int[] listOf,
      float[] centroids) {
    int[] listStarts = new int[lists + 1];
    for (int list : listOf) {
      listStarts[list + 1]++;
    }
    for (int list = 0; list < lists; list++) {
      listStarts[list + 1] += listStarts[list];
    }
    int[] members = new int[items];
    float[] inverseNorms = new float[items];
    int[] next = java.util.Arrays.copyOf(listStarts, lists);
    for (int i = 0; i < items; i++) {
      int position = next[listOf[i]]++;
      members[position] = i;
      inverseNorms[position] = itemInverseNorms[i];
    }
    return new DirectionLists(k, itemFactors, listStarts, members, inverseNorms, centroids);
  }

  int lists() {
    return listStarts.length - 1;
  }

  int centroidSlots() {
    return centroids.blocks() * Kernels.PANEL_WIDTH;
  }

  void scoreCentroids(float[] query, int offset, float[] out) {
    centroids.scoreAll(query, offset, out);
  }

  /** Offers every unblocked item of {@code list} to {@code top} by its cosine with the unit query. */
  void scan(int list, float[] query, int offset, IntPredicate blocked, TopK top) {
    Kernels kernels = Kernels.INSTANCE;
    for (int position = listStarts[list]; position < listStarts[list + 1]; position++) {
      int item = members[position];
      float cosine = kernels.dot(query, offset, itemFactors, item * factors, factors) * inverseNorms[position];
      if (cosine > top.threshold() && (blocked == null || !blocked.test(item))) {
        top.offer(item, cosine);
      }
    }
  }

  long memoryBytes() {
    return 4L * members.length + 4L * inverseNorms.length + 4L * listStarts.length + 4L * centroids.array().length;
  }

  int[] listStarts() {
    return listStarts;
  }

  float[] inverseNorms() {
    return inverseNorms;
  }

  int[] members() {
    return members;
  }

  float[] centroidRows() {
    return centroidRows;
  }
}
