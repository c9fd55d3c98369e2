package dev.encore.model;

import dev.encore.linalg.Kernels;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Selects the n best of many scores with a bounded min-heap over primitive arrays: O(m log n)
 * for m candidates, no boxing. Higher scores win; equal scores go to the lower index, so results
 * are deterministic. NaN scores are never selected. Written here rather than taken from a library
 * because it sits on the hot path of every recommendation and must not box.
 */
public final class TopK {
  private final int capacity;
  private final float[] heapScores;
  private final int[] heapIndices;
  private int size;

  public TopK(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("n " + capacity + " must be >= 0");
    }
    this.capacity = capacity;
    this.heapScores = new float[capacity];
    this.heapIndices = new int[capacity];
  }

  /** The best {@code n} of {@code scores}, skipping indices set in {@code blocked} (may be null). */
  public static List<ScoredItem> select(float[] scores, int n, BitSet blocked) {
    TopK top = new TopK(Math.min(n, scores.length));
    for (int i = 0; i < scores.length; i++) {
      if (blocked == null || !blocked.get(i)) {
        top.offer(i, scores[i]);
      }
    }
    return top.drainBestFirst();
  }

  /**
   * Offers {@code scores[from..to)} as items {@code indexBase + i}, in increasing index order.
   * Only scores strictly above the current threshold can enter (an equal score loses to the
   * lower index already held), so the vector kernel skips the rest without a heap operation.
   */
  public void offerAbove(float[] scores, int from, int to, int indexBase, Kernels kernels) {
    int i = kernels.firstAbove(scores, from, to, threshold());
    while (i < to) {
      offer(indexBase + i, scores[i]);
      i = kernels.firstAbove(scores, i + 1, to, threshold());
    }
  }

  public void clear() {
    size = 0;
  }

  public int size() {
    return size;
  }

  /** The score a candidate must beat to enter once the heap is full. */
  public float threshold() {
    return size < capacity ? Float.NEGATIVE_INFINITY : heapScores[0];
  }

  public void offer(int index, float score) {
    if (capacity == 0 || Float.isNaN(score)) {
      return;
    }
    if (size < capacity) {
      heapScores[size] = score;
      heapIndices[size] = index;
      siftUp(size++);
    } else if (better(score, index, heapScores[0], heapIndices[0])) {
      heapScores[0] = score;
      heapIndices[0] = index;
      siftDown(0);
    }
  }

  /** Offers every entry {@code other} holds (left as it is): merges two selections over disjoint candidates. */
  public void offerAll(TopK other) {
    for (int e = 0; e < other.size; e++) {
      offer(other.heapIndices[e], other.heapScores[e]);
    }
  }

  /** The held entries, best first; empties the heap. */
  public List<ScoredItem> drainBestFirst() {
    int count = size;
    ScoredItem[] ordered = new ScoredItem[count];
    for (int k = count - 1; k >= 0; k--) {
      ordered[k] = new ScoredItem(heapIndices[0], heapScores[0]);
      removeRoot();
    }
    return new ArrayList<>(List.of(ordered));
  }

  /** Writes the held indices best first into {@code out}, returns how many; empties the heap. */
  public int drainIndicesBestFirst(int[] out) {
    int count = size;
    for (int k = count - 1; k >= 0; k--) {
      out[k] = heapIndices[0];
      removeRoot();
    }
    return count;
  }

  private void removeRoot() {
    size--;
    heapScores[0] = heapScores[size];
    heapIndices[0] = heapIndices[size];
    siftDown(0);
  }

  private static boolean better(float score, int index, float otherScore, int otherIndex) {
    return score > otherScore || (score == otherScore && index < otherIndex);
  }

  private void siftUp(int position) {
    while (position > 0) {
      int parent = (position - 1) >>> 1;
      if (!better(heapScores[parent], heapIndices[parent], heapScores[position], heapIndices[position])) {
        break;
      }
      swap(position, parent);
      position = parent;
    }
  }

  private void siftDown(int position) {
    while (true) {
      int left = 2 * position + 1;
      if (left >= size) {
        return;
      }
      int worst = left;
      int right = left + 1;
      if (right < size && better(heapScores[worst], heapIndices[worst], heapScores[right], heapIndices[right])) {
        worst = right;
      }
      if (!better(heapScores[position], heapIndices[position], heapScores[worst], heapIndices[worst])) {
        return;
      }
      swap(position, worst);
      position = worst;
    }
  }

  private void swap(int a, int b) {
    float score = heapScores[a];
    heapScores[a] = heapScores[b];
    heapScores[b] = score;
    int index = heapIndices[a];
    heapIndices[a] = heapIndices[b];
    heapIndices[b] = index;
  }
}
