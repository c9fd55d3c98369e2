package dev.encore.server;

import java.time.Instant;
import java.util.Map;

/**
 * A listener as the live model sees them after their newest plays: factors folded in against the
 * serving model's item factors (null when there is no model, or none of their tracks is in it),
 * the plays of tracks the model knows, their dense indices, and how many played tracks the model
 * does not know yet (ignored until the next retrain).
 */
record FoldedListener(String userId, float[] vector, Map<String, Float> knownPlays, int[] playedTracks,
    int unknownTracks, Instant foldedAt) {

  boolean hasVector() {
    return vector != null;
  }
}
