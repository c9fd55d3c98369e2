package dev.encore.eval;

import dev.encore.model.TopK;

/**
 * The top k of a score array skipping the items a user trained on. Walking the sorted train row
 * alongside the items does what {@code RecommendOptions.DEFAULT.blockedItems} does without a
 * BitSet per user; the ranking itself is {@link TopK}'s, so evaluation sees exactly what
 * {@code Recommender.recommend} would return.
 */
final class TopKSelector {
  private final TopK heap;

  TopKSelector(int capacity) {
    heap = new TopK(capacity);
  }

  /**
   * Writes the best items best first into {@code out} and returns how many there were, skipping
   * {@code blocked[blockedStart..blockedEnd)} (sorted item indices).
   */
  int select(float[] scores, int[] blocked, int blockedStart, int blockedEnd, int[] out) {
    heap.clear();
    int next = blockedStart;
    for (int item = 0; item < scores.length; item++) {
      if (next < blockedEnd && blocked[next] == item) {
        next++;
        continue;
      }
      heap.offer(item, scores[item]);
    }
    return heap.drainIndicesBestFirst(out);
  }
}
