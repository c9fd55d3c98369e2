package dev.encore.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Streams the data rows of a delimited file, line by line, to a handler: the one place that
 * knows about header lines, blank lines, line endings, line numbers, charsets and the skip-bad
 * policy. Every reader in this package reads through it.
 */
final class DelimitedRows {

  /** Binds the columns a reader needs, once the header (empty if none) is known. */
  interface Binder {
    Handler bind(Header header);
  }

  /** Takes one row; throws {@link DatasetFormatException} to reject it as bad. */
  interface Handler {
    void accept(Row row);
  }

  /** The header line's field names (empty without a header), used to find named columns. */
  record Header(String source, List<String> names) {
    /** The 0-based index of {@code column}, or a format error naming the columns there are. */
    int indexOf(Column column, String field) {
      int index = column.resolve(names);
      if (index < 0) {
        throw new DatasetFormatException(source, 1, field, null,
            "has no column named '" + column.name() + "' in the header " + names);
      }
      return index;
    }

    /** Rejects a header with an empty or repeated column name, naming it. */
    void requireNamedOnce() {
      Set<String> seen = new HashSet<>();
      for (int column = 0; column < names.size(); column++) {
        String name = names.get(column);
        if (name.isEmpty()) {
          throw new DatasetFormatException(source, 1, null, null, "column " + (column + 1) + " of the header has no name");
        }
        if (!seen.add(name)) {
          throw new DatasetFormatException(source, 1, name, null, "is named twice in the header");
        }
      }
    }

    /** Like {@link #indexOf} for an optional column: -1 when {@code column} is null. */
    int indexOfOptional(Column column, String field) {
      return column == null ? -1 : indexOf(column, field);
    }
  }

  private final char delimiter;
  private final boolean header;
  private final Charset charset;
  private final boolean skipBad;

  DelimitedRows(char delimiter, boolean header, Charset charset, boolean skipBad) {
    this.delimiter = delimiter;
    this.header = header;
    this.charset = charset;
    this.skipBad = skipBad;
  }

  DelimitedRows(DelimitedFormat format) {
    this(format.delimiter(), format.header(), format.charset(), format.skipBad());
  }

  ReadSummary read(Path file, Binder binder) throws IOException {
    try (BufferedReader lines = Files.newBufferedReader(file, charset)) {
      return read(lines, file.toString(), binder);
    }
  }

  ReadSummary read(BufferedReader lines, String source, Binder binder) throws IOException {
    Row row = new Row(source);
    Handler handler = header ? null : binder.bind(new Header(source, List.of()));
    long lineNumber = 0;
    long rowsRead = 0;
    long rowsSkipped = 0;
    List<String> firstSkipped = new ArrayList<>();
    // readLine ends a line at \n, \r\n or \r, so CRLF files need no extra stripping.
    for (String text = nextLine(lines, source, lineNumber); text != null;
        text = nextLine(lines, source, lineNumber)) {
      lineNumber++;
      if (lineNumber == 1 && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      if (text.isBlank()) {
        continue;
      }
      if (handler == null) {
        row.reset(lineNumber, text, delimiter);
        handler = binder.bind(new Header(source, List.copyOf(Arrays.asList(headerNames(row)))));
        continue;
      }
      rowsRead++;
      try {
        row.reset(lineNumber, text, delimiter);
        handler.accept(row);
      } catch (DatasetFormatException bad) {
        if (!skipBad) {
          throw bad;
        }
        rowsSkipped++;
        if (firstSkipped.size() < ReadSummary.MAX_MESSAGES) {
          firstSkipped.add(bad.getMessage());
        }
      }
    }
    return new ReadSummary(source, rowsRead, rowsSkipped, firstSkipped);
  }

  private static String[] headerNames(Row row) {
    String[] names = new String[row.fieldCount()];
    for (int i = 0; i < names.length; i++) {
      names[i] = row.raw(i, "header");
    }
    return names;
  }

  /** The decoder reads ahead, so a charset error is only known to lie at or after the line. */
  private String nextLine(BufferedReader lines, String source, long linesDone) throws IOException {
    try {
      return lines.readLine();
    } catch (CharacterCodingException e) {
      throw new DatasetFormatException(source, linesDone + 1, null, null,
          "(or a line shortly after) is not valid " + charset.name() + "; check the file's charset");
    }
  }
}
