package dev.encore.io;

import dev.encore.data.InteractionsBuilder;

/**
 * One play row as a reader streams it: where it came from (source and 1-based line), the user
 * and item IDs, the value the reader keeps (play count, or 1 for a kept rating) and, when the
 * format has one, the whole-number timestamp.
 */
public record PlayRow(String source, long line, String user, String item, float value, boolean timed,
    long timestamp) {

  /**
   * An error naming this row's file, line and {@code field}, for a consumer whose own rule the
   * row breaks: thrown from a {@link PlayRowHandler}, it stops the read, or with skip-bad on is
   * counted as a skipped row like a reader's own format errors.
   */
  public DatasetFormatException reject(String field, String value, String rule) {
    return new DatasetFormatException(source, line, field, value, rule);
  }

  /** Adds this row to {@code into}, with its timestamp when it has one. */
  public void addTo(InteractionsBuilder into) {
    if (timed) {
      into.add(user, item, value, timestamp);
    } else {
      into.add(user, item, value);
    }
  }
}
