package dev.encore.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One listening event: who played which track when, how many times, for how long (null when
 * unknown) and where the event came from (an importer's or client's label, or null). Two events
 * with the same user, track, time and source are the same event and are stored once.
 * {@code playedAt} is stored to the microsecond.
 */
public record PlayEvent(String userId, String trackId, Instant playedAt, int playCount, Float durationSeconds,
    String source) {

  public PlayEvent {
    Ids.require(userId, "user id");
    Ids.require(trackId, "track id");
    EpochMicros.requireStorable(Objects.requireNonNull(playedAt, "playedAt"), "playedAt");
    if (playCount < 1) {
      throw new IllegalArgumentException("play count " + playCount + " of user " + userId + " and track " + trackId
          + " must be >= 1");
    }
    if (durationSeconds != null && (!Float.isFinite(durationSeconds) || durationSeconds < 0)) {
      throw new IllegalArgumentException("duration " + durationSeconds + " s of user " + userId + " and track "
          + trackId + " must be finite and >= 0");
    }
  }
}
