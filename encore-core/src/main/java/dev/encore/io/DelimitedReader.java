package dev.encore.io;

import dev.encore.data.InteractionsBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a delimited interactions file (TSV, CSV, pipe-separated...) laid out as a
 * {@link DelimitedFormat} describes, streaming it line by line into an
 * {@link InteractionsBuilder}. Pass the same builder's ID builders to a second read (train then
 * test) to give both files the same dense indices.
 *
 * <p>A bad row (too few fields, an empty ID, a value that is not a finite number >= 0, a
 * timestamp that is not a whole number) stops the read with a {@link DatasetFormatException}
 * naming the file, line and field; with {@link DelimitedFormat#skipBad()} it is skipped and
 * counted in the returned {@link ReadSummary}.
 */
public final class DelimitedReader {
  private final DelimitedFormat format;
  private final ValueRule valueRule;

  public DelimitedReader(DelimitedFormat format) {
    this(format, ValueRule.KEEP_ALL);
  }

  DelimitedReader(DelimitedFormat format, ValueRule valueRule) {
    this.format = Objects.requireNonNull(format, "format");
    this.valueRule = Objects.requireNonNull(valueRule, "value rule");
  }

  public DelimitedFormat format() {
    return format;
  }

  /** Adds the rows of {@code file} to {@code into}. */
  public ReadSummary read(Path file, InteractionsBuilder into) throws IOException {
    return stream(file, row -> row.addTo(into));
  }

  /**
   * Adds the rows from an open reader (a decompressed stream, standard input) to {@code into};
   * {@code source} names it in messages. The caller closes the reader.
   */
  public ReadSummary read(BufferedReader lines, String source, InteractionsBuilder into) throws IOException {
    return new DelimitedRows(format).read(lines, source, header -> rowStreamer(header, row -> row.addTo(into)));
  }

  /**
   * Hands the rows of {@code file} to {@code handler} one at a time, in file order, holding none
   * in memory: for loading files larger than memory, such as into a database.
   */
  public ReadSummary stream(Path file, PlayRowHandler handler) throws IOException {
    Objects.requireNonNull(handler, "handler");
    return new DelimitedRows(format).read(file, header -> rowStreamer(header, handler));
  }

  /** Reads {@code file} alone into a fresh builder: a dataset without item names. */
  public Dataset readDataset(Path file) throws IOException {
    InteractionsBuilder builder = new InteractionsBuilder();
    ReadSummary summary = read(file, builder);
    return new Dataset(builder.build(), Map.of(), summary);
  }

  private static boolean looksLikeNumber(String field) {
    try {
      Double.parseDouble(field.strip());
      return !field.isBlank();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private DelimitedRows.Handler rowStreamer(DelimitedRows.Header header, PlayRowHandler handler) {
    int user = header.indexOf(format.user(), "user");
    int item = header.indexOf(format.item(), "item");
    int value = header.indexOfOptional(format.value(), "value");
    int timestamp = header.indexOfOptional(format.timestamp(), "timestamp");
    int named = header.names().size();
    if (named > 0 && value >= 0 && value < named && looksLikeNumber(header.names().get(value))) {
      throw new DatasetFormatException(header.source(), 1, null, null, "looks like a play, not a header line (its"
          + " value field '" + header.names().get(value) + "' is a number): the file must start with a header such as"
          + " user<TAB>item<TAB>value[<TAB>timestamp]; add one so the first play is not lost");
    }
    return row -> {
      if (named > 0 && row.fieldCount() > named) {
        throw row.bad(null, null, "has " + row.fieldCount() + " fields but the header names " + named + " ("
            + String.join(", ", header.names()) + "): remove the extra column or name it in the header");
      }
      String userId = row.text(user, "user");
      String itemId = row.text(item, "item");
      float rawValue = value < 0 ? 1f : row.playValue(value, "value");
      if (!valueRule.keeps(rawValue)) {
        return;
      }
      boolean timed = timestamp >= 0;
      handler.accept(new PlayRow(row.source(), row.line(), userId, itemId, valueRule.stored(rawValue), timed,
          timed ? row.whole(timestamp, "timestamp") : 0L));
    };
  }
}
