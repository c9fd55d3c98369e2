package dev.encore.store;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Helpers for JDBC batches and parameter lists. */
final class Batches {
  /**
   * The most values bound in one {@code IN (...)} list: far under SQLite's 32,766 and
   * PostgreSQL's 65,535 bind parameters per statement.
   */
  static final int MAX_IN_LIST = 500;

  private Batches() {}

  /**
   * The rows a batch of single-row statements changed. Both drivers report a count per statement
   * (0 for an {@code ON CONFLICT DO NOTHING} that found the row); a driver that answers
   * {@link Statement#SUCCESS_NO_INFO} would make the count unknowable, so that is an error.
   */
  static int rowsChanged(int[] counts) {
    int total = 0;
    for (int count : counts) {
      if (count == Statement.SUCCESS_NO_INFO) {
        throw new IllegalStateException("the JDBC driver did not report batch row counts");
      }
      total += count;
    }
    return total;
  }

  /** {@code values} cut into lists of at most {@code size}. */
  static <T> List<List<T>> chunks(Collection<T> values, int size) {
    List<List<T>> chunks = new ArrayList<>();
    List<T> current = new ArrayList<>(Math.min(size, values.size()));
    for (T value : values) {
      current.add(value);
      if (current.size() == size) {
        chunks.add(current);
        current = new ArrayList<>(size);
      }
    }
    if (!current.isEmpty()) {
      chunks.add(current);
    }
    return chunks;
  }
}
