package dev.encore.index;

import dev.encore.model.ScoredItem;
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
    float last = exact.get(exact.size() - 1).score();
    float tolerance = TIE * Math.max(1f, Math.abs(last));
    long hits = approximate.stream()
        .filter(item -> item.score() >= last - tolerance || contains(exact, item.index())).count();
    return (double) Math.min(hits, exact.size()) / exact.size();
  }

  // A scan of the k exact answers: a set indexed by item number cost 1.25 MB a call at 10^7
  // tracks, and the build calls this for every calibration query and probe count.
  private static boolean contains(List<ScoredItem> exact, int index) {
    for (ScoredItem item : exact) {
      if (item.index() == index) {
        return true;
      }
    }
    return false;
  }
}
