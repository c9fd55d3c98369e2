package dev.encore.io;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How a delimited interactions file is laid out: the delimiter, whether the first line is a
 * header, the charset, and which columns hold the user, item, value and timestamp. A null
 * {@code value} column means every row is one play (value 1); a null {@code timestamp} column
 * means the file has no times. With {@code skipBad}, bad rows are skipped and counted in the
 * {@link ReadSummary} instead of stopping the read.
 *
 * <p>Fields are not quoted: the delimiter never occurs inside a field.
 */
public record DelimitedFormat(char delimiter, boolean header, Charset charset, Column user, Column item,
    Column value, Column timestamp, boolean skipBad) {

  public DelimitedFormat {
    Objects.requireNonNull(charset, "charset");
    Objects.requireNonNull(user, "user column");
    Objects.requireNonNull(item, "item column");
    if (delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException("the delimiter cannot be a line break");
    }
    if (!header) {
      for (Column column : new Column[] {user, item, value, timestamp}) {
        if (column != null && column.isNamed()) {
          throw new IllegalArgumentException(
              "column " + column + " is chosen by name, so the format needs a header line");
        }
      }
    }
  }

  /**
   * A UTF-8 format with user and item in the given columns, every row one play, no timestamps,
   * bad rows fatal; it has a header line exactly when a column is chosen by name. Refine it with
   * the {@code with...} methods.
   */
  public static DelimitedFormat of(char delimiter, Column user, Column item) {
    boolean named = user.isNamed() || item.isNamed();
    return new DelimitedFormat(delimiter, named, StandardCharsets.UTF_8, user, item, null, null, false);
  }

  /** Tab-separated with header {@code user item value}, as Encore's split files are. */
  public static DelimitedFormat userItemValueTsv() {
    return new DelimitedFormat('\t', true, StandardCharsets.UTF_8,
        Column.named("user"), Column.named("item"), Column.named("value"), null, false);
  }

  public DelimitedFormat withHeader(boolean hasHeader) {
    return new DelimitedFormat(delimiter, hasHeader, charset, user, item, value, timestamp, skipBad);
  }

  public DelimitedFormat withCharset(Charset newCharset) {
    return new DelimitedFormat(delimiter, header, newCharset, user, item, value, timestamp, skipBad);
  }

  /** Values from {@code column}; null makes every row one play. */
  public DelimitedFormat withValue(Column column) {
    return new DelimitedFormat(delimiter, header, charset, user, item, column, timestamp, skipBad);
  }

  /** Whole-number timestamps from {@code column}; null for none. */
  public DelimitedFormat withTimestamp(Column column) {
    return new DelimitedFormat(delimiter, header, charset, user, item, value, column, skipBad);
  }

  public DelimitedFormat withSkipBad(boolean skip) {
    return new DelimitedFormat(delimiter, header, charset, user, item, value, timestamp, skip);
  }
}
