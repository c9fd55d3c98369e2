package dev.encore.server;

import dev.encore.store.StoreConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays per UTC day over the last weeks, for the dashboard, cached for a minute.
 *
 * <p>A stop-gap: the store's API has no per-day count, so this reads {@code play_events} (times
 * in epoch microseconds) over its own short-lived connection. It belongs in PlayRepository; when
 * it moves there this class becomes one call.
 */
final class DailyPlays {
  private static final long MICROS_PER_DAY = 86_400_000_000L;
  private static final Duration CACHED_FOR = Duration.ofMinutes(1);

  private final StoreConfig store;
  private final Clock clock;
  private volatile Cached cached;

  DailyPlays(StoreConfig store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * One entry per day, oldest first, over the last {@code days} days: a day without plays is there
   * with 0 (a chart must not draw a line across it), and today is marked not complete, so it is
   * not read as a fall in plays.
   */
  List<DayCount> lastDays(int days) {
    Instant now = clock.instant();
    Cached last = cached;
    if (last != null && last.days == days && last.at.plus(CACHED_FOR).isAfter(now)) {
      return last.counts;
    }
    List<DayCount> counts = query(now, days);
    cached = new Cached(now, days, counts);
    return counts;
  }

  private List<DayCount> query(Instant now, int days) {
    long firstDay = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(days - 1L).toEpochDay();
    // The divisor is written out, not bound: PostgreSQL groups by an expression only when it is identical.
    String sql = "SELECT played_at / " + MICROS_PER_DAY + " AS day, SUM(play_count) AS plays FROM play_events"
        + " WHERE played_at >= ? GROUP BY played_at / " + MICROS_PER_DAY + " ORDER BY day";
    try (Connection connection = DriverManager.getConnection(store.jdbcUrl(), store.user(), store.password());
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, firstDay * MICROS_PER_DAY);
      long[] plays = new long[days];
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          long day = rows.getLong("day") - firstDay;
          // A play stamped in the future (a client's clock) is counted on no day of the window.
          if (day >= 0 && day < days) {
            plays[(int) day] = rows.getLong("plays");
          }
        }
      }
      List<DayCount> counts = new ArrayList<>(days);
      for (int day = 0; day < days; day++) {
        counts.add(new DayCount(LocalDate.ofEpochDay(firstDay + day), plays[day], day < days - 1));
      }
      return counts;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count plays per day: " + e.getMessage(), e);
    }
  }

  /** {@code complete} is false for today, whose plays are still coming in. */
  record DayCount(LocalDate day, long plays, boolean complete) {}

  private record Cached(Instant at, int days, List<DayCount> counts) {}
}
