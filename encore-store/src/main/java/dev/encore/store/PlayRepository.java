package dev.encore.store;

import dev.encore.data.Interactions;
import dev.encore.data.InteractionsBuilder;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The play events: who played which track when, stored once each, and their aggregation for training. */
public final class PlayRepository {
  /** Rows fetched per round trip when streaming every play to aggregate it. */
  static final int FETCH_SIZE = 10_000;
  private static final long MICROS_PER_SECOND = 1_000_000L;

  private final EncoreStore store;

  PlayRepository(EncoreStore store) {
    this.store = store;
  }

  /**
   * Stores the plays in one transaction, committed (and on SQLite synced to disk) when this
   * returns. Listeners not yet known are created. A play naming a track the catalogue lacks
   * throws {@link UnknownTrackException} and nothing of the batch is written. A play identical
   * in user, track, time and source to a stored one is not stored again.
   *
   * @return the number of plays that were new
   */
  public int add(List<PlayEvent> plays) {
    if (plays.isEmpty()) {
      return 0;
    }
    return store.inTransaction(handle -> add(handle, plays));
  }

  /**
   * {@link #add(List)} inside the caller's transaction. Rows are written in key order, so two
   * concurrent batches on PostgreSQL lock shared listeners and plays in the same order and never
   * deadlock.
   */
  int add(Handle handle, List<PlayEvent> plays) {
    store.config().limits().checkPlays(plays);
    Set<String> trackIds = new LinkedHashSet<>();
    Set<String> userIds = new TreeSet<>();
    for (PlayEvent play : plays) {
      trackIds.add(play.trackId());
      userIds.add(play.userId());
    }
    List<String> unknown = store.tracks().missing(handle, trackIds);
    if (!unknown.isEmpty()) {
      throw new UnknownTrackException(unknown.get(0));
    }
    store.listeners().addMissing(handle, userIds);
    PreparedBatch insert = handle.prepareBatch("INSERT INTO play_events"
        + " (listener_id, track_id, played_at, source, play_count, duration_seconds) VALUES (?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (listener_id, track_id, played_at, source) DO NOTHING");
    for (PlayEvent play : inKeyOrder(plays)) {
      insert.add(play.userId(), play.trackId(), EpochMicros.of(play.playedAt()), storedSource(play.source()),
          play.playCount(), play.durationSeconds());
    }
    return Batches.rowsChanged(insert.execute());
  }

  /** The listener's latest {@code limit} plays, newest first. */
  public List<PlayEvent> forUser(String userId, int limit) {
    EncoreStore.requirePage(0, limit);
    return store.withHandle(handle -> handle.createQuery("SELECT listener_id, track_id, played_at, source, play_count,"
            + " duration_seconds FROM play_events WHERE listener_id = ? ORDER BY played_at DESC, track_id, source LIMIT ?")
        .bind(0, userId)
        .bind(1, limit)
        .map((row, context) -> play(row))
        .list());
  }

  public long count() {
    return store.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM play_events").mapTo(Long.class).one());
  }

  /**
   * Every listener and track that has plays, with its aggregated value and the time of its latest
   * play (Unix seconds), streamed from the database into an {@link InteractionsBuilder}.
   */
  public Interactions interactions(PlayAggregation aggregation) {
    InteractionsBuilder builder = new InteractionsBuilder();
    if (aggregation.isDecayed()) {
      store.streamingRead(handle -> {
        streamDecayed(handle, aggregation, builder);
        return null;
      });
    } else {
      store.streamingRead(handle -> {
        handle.createQuery("SELECT listener_id, track_id, SUM(play_count) AS plays, MAX(played_at) AS latest"
                + " FROM play_events GROUP BY listener_id, track_id")
            .setFetchSize(FETCH_SIZE)
            .map((row, context) -> new PairTotal(row.getString("listener_id"), row.getString("track_id"),
                row.getLong("plays"), row.getLong("latest")))
            .forEach(pair -> builder.add(pair.userId(), pair.trackId(), (float) pair.plays(),
                Math.floorDiv(pair.latestMicros(), MICROS_PER_SECOND)));
        return null;
      });
    }
    return builder.build();
  }

  private record PairTotal(String userId, String trackId, long plays, long latestMicros) {}

  private record Event(String userId, String trackId, long playedAtMicros, int playCount) {}

  /**
   * Events arrive ordered by listener and track, so each pair's weighted sum is complete when the
   * pair changes: memory holds one pair, not every event.
   */
  private static void streamDecayed(Handle handle, PlayAggregation aggregation, InteractionsBuilder builder) {
    DecayedPair pair = new DecayedPair(builder);
    handle.createQuery("SELECT listener_id, track_id, played_at, play_count FROM play_events"
            + " ORDER BY listener_id, track_id")
        .setFetchSize(FETCH_SIZE)
        .map((row, context) -> new Event(row.getString("listener_id"), row.getString("track_id"),
            row.getLong("played_at"), row.getInt("play_count")))
        .forEach(event -> pair.add(event, aggregation.weightAtMicros(event.playedAtMicros())));
    pair.flush();
    if (pair.newestMicros != Long.MIN_VALUE) {
      aggregation.requireUsefulWeights(pair.newestMicros);
    }
  }

  /** The running weighted sum of one (listener, track) pair. */
  private static final class DecayedPair {
    private final InteractionsBuilder builder;
    private String userId;
    private String trackId;
    private double value;
    private long latestMicros;
    private long newestMicros = Long.MIN_VALUE;

    DecayedPair(InteractionsBuilder builder) {
      this.builder = builder;
    }

    void add(Event event, double weight) {
      if (!event.userId().equals(userId) || !event.trackId().equals(trackId)) {
        flush();
        userId = event.userId();
        trackId = event.trackId();
        value = 0;
        latestMicros = Long.MIN_VALUE;
      }
      value += event.playCount() * weight;
      latestMicros = Math.max(latestMicros, event.playedAtMicros());
      newestMicros = Math.max(newestMicros, event.playedAtMicros());
    }

    void flush() {
      if (userId != null) {
        builder.add(userId, trackId, (float) value, Math.floorDiv(latestMicros, MICROS_PER_SECOND));
      }
    }
  }

  private static List<PlayEvent> inKeyOrder(List<PlayEvent> plays) {
    List<PlayEvent> sorted = new ArrayList<>(plays);
    sorted.sort(Comparator.comparing(PlayEvent::userId).thenComparing(PlayEvent::trackId)
        .thenComparing(PlayEvent::playedAt).thenComparing(play -> storedSource(play.source())));
    return sorted;
  }

  /** Plays without a source are stored with source '' so the idempotency key stays non-null. */
  private static String storedSource(String source) {
    return source == null ? "" : source;
  }

  private static PlayEvent play(ResultSet row) throws SQLException {
    String source = row.getString("source");
    Number duration = (Number) row.getObject("duration_seconds");
    return new PlayEvent(row.getString("listener_id"), row.getString("track_id"),
        EpochMicros.toInstant(row.getLong("played_at")), row.getInt("play_count"),
        duration == null ? null : duration.floatValue(), source.isEmpty() ? null : source);
  }
}
