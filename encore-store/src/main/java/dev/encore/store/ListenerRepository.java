package dev.encore.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The listeners table: who the store has heard of. */
public final class ListenerRepository {
  private static final String INSERT_IF_ABSENT =
      "INSERT INTO listeners (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING";

  private final EncoreStore store;
  private final Clock clock;

  ListenerRepository(EncoreStore store) {
    this.store = store;
    this.clock = Clock.systemUTC();
  }

  /** Adds the listener unless known; true when they were new. */
  public boolean add(String id) {
    Ids.require(id, "listener id");
    store.config().limits().checkId(id, "listener id");
    return store.withHandle(handle -> handle.execute(INSERT_IF_ABSENT, id, EpochMicros.of(clock.instant())) == 1);
  }

  /**
   * Forgets the listener: their plays and their row, in one transaction. Empty when the store
   * never heard of them; else how many plays went.
   */
  public Optional<Long> delete(String id) {
    return store.inTransaction(handle -> {
      long plays = handle.execute("DELETE FROM play_events WHERE listener_id = ?", id);
      int rows = handle.execute("DELETE FROM listeners WHERE id = ?", id);
      return rows == 0 && plays == 0 ? Optional.<Long>empty() : Optional.of(plays);
    });
  }

  public Optional<Listener> find(String id) {
    return store.withHandle(handle -> handle.createQuery("SELECT id, created_at FROM listeners WHERE id = ?")
        .bind(0, id)
        .map((row, context) -> listener(row))
        .findOne());
  }

  /** A page of listeners in ID order. */
  public List<Listener> list(int offset, int limit) {
    EncoreStore.requirePage(offset, limit);
    return store.withHandle(handle -> handle
        .createQuery("SELECT id, created_at FROM listeners ORDER BY id LIMIT ? OFFSET ?")
        .bind(0, limit)
        .bind(1, offset)
        .map((row, context) -> listener(row))
        .list());
  }

  /**
   * The listeners whose ID contains {@code query} (ASCII letters in any case), in ID order: a page
   * of them and how many match in all.
   */
  public Page search(String query, int offset, int limit) {
    EncoreStore.requirePage(offset, limit);
    String pattern = SearchText.containingLiterally(query.strip().toLowerCase(Locale.ROOT));
    return store.withHandle(handle -> {
      long total = handle.createQuery("SELECT COUNT(*) FROM listeners WHERE LOWER(id) LIKE ? ESCAPE '\\'")
          .bind(0, pattern).mapTo(Long.class).one();
      List<Listener> listeners = handle.createQuery("SELECT id, created_at FROM listeners WHERE LOWER(id) LIKE ?"
              + " ESCAPE '\\' ORDER BY id LIMIT ? OFFSET ?")
          .bind(0, pattern).bind(1, limit).bind(2, offset).map((row, context) -> listener(row)).list();
      return new Page(total, listeners);
    });
  }

  /** One page of a search and the number of matches in all. */
  public record Page(long total, List<Listener> listeners) {}

  public long count() {
    return store.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM listeners").mapTo(Long.class).one());
  }

  /** Adds the listeners not yet known, inside the caller's transaction; returns how many were new. */
  int addMissing(Handle handle, Collection<String> ids) {
    PreparedBatch batch = handle.prepareBatch(INSERT_IF_ABSENT);
    long now = EpochMicros.of(clock.instant());
    for (String id : ids) {
      batch.add(id, now);
    }
    return ids.isEmpty() ? 0 : Batches.rowsChanged(batch.execute());
  }

  private static Listener listener(ResultSet row) throws SQLException {
    return new Listener(row.getString("id"), EpochMicros.toInstant(row.getLong("created_at")));
  }
}
