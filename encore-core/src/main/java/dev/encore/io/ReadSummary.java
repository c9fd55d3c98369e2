package dev.encore.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a read saw: the source it read, the data rows it read (header and blank lines excluded,
 * skipped rows included), how many bad rows it skipped, and the messages of the first
 * {@value #MAX_MESSAGES} skipped rows so a skip is never silent.
 */
public record ReadSummary(String source, long rowsRead, long rowsSkipped, List<String> firstSkipped) {
  /** How many skipped-row messages a summary keeps. */
  public static final int MAX_MESSAGES = 10;

  public ReadSummary {
    Objects.requireNonNull(source, "source");
    if (rowsRead < 0 || rowsSkipped < 0 || rowsSkipped > rowsRead) {
      throw new IllegalArgumentException(
          "rows read " + rowsRead + " and skipped " + rowsSkipped + " must satisfy 0 <= skipped <= read");
    }
    firstSkipped = List.copyOf(firstSkipped);
    if (firstSkipped.size() > MAX_MESSAGES) {
      throw new IllegalArgumentException(
          firstSkipped.size() + " skip messages, at most " + MAX_MESSAGES + " are kept");
    }
  }

  /** The rows that were read and kept (not skipped as bad). */
  public long rowsKept() {
    return rowsRead - rowsSkipped;
  }

  /** Both reads as one: sources joined, counts added, the first messages of both kept. */
  public ReadSummary and(ReadSummary other) {
    List<String> messages = new ArrayList<>(firstSkipped);
    for (String message : other.firstSkipped) {
      if (messages.size() < MAX_MESSAGES) {
        messages.add(message);
      }
    }
    return new ReadSummary(source + ", " + other.source, rowsRead + other.rowsRead,
        rowsSkipped + other.rowsSkipped, messages);
  }

  @Override
  public String toString() {
    String skipped = rowsSkipped == 0 ? "" : ", skipped " + rowsSkipped + " bad rows, first: " + firstSkipped;
    return source + ": read " + rowsRead + " rows" + skipped;
  }
}
