package dev.encore.index;

import dev.encore.model.ScoredItem;
import java.util.BitSet;
import java.util.List;

/** Recall of an approximate top-k against the exact one: the one definition the index reports. */
public final class Recall {
  /** Relative score difference within which two answers tie (float rounding of one score two ways). */
  private static final float TIE = 1e-5f;

  private Recall() {}

  /**
   * |approximate ∩ exact| / |exact|, where an approximate item scoring the exact last one's score
   * (to float rounding: the index and an exact scan may compute a cosine two ways) counts too:
   * tracks with the same factors tie, and which of them fills the last place is not a miss.
   */
  public static double overlap(List<ScoredItem> exact, List<ScoredItem> approximate) {
    if (exact.isEmpty()) {
      return 1;
    }
    BitSet found = new BitSet();
    exact.forEach(item -> found.set(item.index()));
    float last = exact.get(exact.size() - 1).score();
    float tolerance = TIE * Math.max(1f, Math.abs(last));
    long hits = approximate.stream()
        .filter(item -> found.get(item.index()) || item.score() >= last - tolerance).count();
    return (double) Math.min(hits, exact.size()) / exact.size();
  }
}
