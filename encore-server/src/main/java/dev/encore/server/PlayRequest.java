package dev.encore.server;

import dev.encore.store.PlayEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One play as clients post it: only {@code userId} and {@code trackId} are required; the time
 * defaults to when the server received it, the play count to 1. The store's {@link PlayEvent}
 * checks the values, and its messages reach the client as 400s.
 */
record PlayRequest(String userId, String trackId, Instant playedAt, Integer playCount, Float durationSeconds,
    String source) {

  /** The plays of a request, or a 400 naming the first bad one (its index in a batch) and why. */
  static List<PlayEvent> toEvents(List<PlayRequest> requests, Instant receivedAt) {
    List<PlayEvent> events = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      try {
        events.add(requests.get(i).toEvent(receivedAt));
      } catch (IllegalArgumentException | NullPointerException e) {
        String where = requests.size() > 1 ? "Play [" + i + "]: " : "";
        throw ApiException.badRequest("invalid_field", where + e.getMessage() + ".");
      }
    }
    return events;
  }

  PlayEvent toEvent(Instant receivedAt) {
    return new PlayEvent(userId, trackId, playedAt == null ? receivedAt : playedAt,
        playCount == null ? 1 : playCount, durationSeconds, source);
  }
}
