package dev.encore.server;

import dev.encore.store.PlayEvent;
import java.time.Instant;

/**
 * One play as clients post it: only {@code userId} and {@code trackId} are required; the time
 * defaults to when the server received it, the play count to 1. The store's {@link PlayEvent}
 * checks the values, and its messages reach the client as 400s.
 */
record PlayRequest(String userId, String trackId, Instant playedAt, Integer playCount, Float durationSeconds,
    String source) {

  PlayEvent toEvent(Instant receivedAt) {
    return new PlayEvent(userId, trackId, playedAt == null ? receivedAt : playedAt,
        playCount == null ? 1 : playCount, durationSeconds, source);
  }
}
