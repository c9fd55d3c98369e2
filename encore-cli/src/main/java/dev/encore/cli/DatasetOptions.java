package dev.encore.cli;

import dev.encore.data.InteractionsBuilder;
import dev.encore.io.Column;
import dev.encore.io.Dataset;
import dev.encore.io.DelimitedFormat;
import dev.encore.io.DelimitedReader;
import dev.encore.io.LastFmReader;
import dev.encore.io.MovieLensReader;
import dev.encore.io.ReadSummary;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where plays come from and how to read them: a delimited file (TSV by default, CSV by its
 * extension, any delimiter by option), a MovieLens 100k folder or a Last.fm hetrec 2k folder.
 */
final class DatasetOptions {
  @Option(names = {"-d", "--data"}, paramLabel = "PATH",
      description = "Plays: a delimited file, a MovieLens 100k folder or a Last.fm 2k folder.")
  Path data;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "auto, delimited, movielens or lastfm (default: ${DEFAULT-VALUE}: by folder contents, then extension).")
  String format = "auto";

  @Option(names = "--delimiter", paramLabel = "CHAR",
      description = "Field delimiter of a delimited file: a character, or tab (default: tab; comma for .csv).")
  String delimiter;

  @Option(names = "--no-header", description = "The delimited file has no header line.")
  boolean noHeader;

  @Option(names = "--user-column", paramLabel = "COL", description = "User column: 0-based index or header name (default: ${DEFAULT-VALUE}).")
  String userColumn = "0";

  @Option(names = "--item-column", paramLabel = "COL", description = "Item column (default: ${DEFAULT-VALUE}).")
  String itemColumn = "1";

  @Option(names = "--value-column", paramLabel = "COL",
      description = "Play count column, or 'none' for one play per row (default: ${DEFAULT-VALUE}).")
  String valueColumn = "2";

  @Option(names = "--timestamp-column", paramLabel = "COL", description = "Timestamp column (whole numbers), if any.")
  String timestampColumn;

  @Option(names = "--encoding", description = "Charset of a delimited file (default: ${DEFAULT-VALUE}).")
  String encoding = "UTF-8";

  @Option(names = "--min-rating", description = "MovieLens: ratings at or above this count as plays (default: ${DEFAULT-VALUE}).")
  float minRating = MovieLensReader.DEFAULT_THRESHOLD;

  @Option(names = "--skip-bad", description = "Skip and count bad rows instead of stopping at the first.")
  boolean skipBad;

  boolean isSet() {
    return data != null;
  }

  Dataset load() throws IOException {
    requireData();
    return switch (resolvedFormat(data)) {
      case "movielens" -> movieLens().read(data);
      case "lastfm" -> lastFm().read(data);
      default -> {
        InteractionsBuilder builder = new InteractionsBuilder();
        ReadSummary summary = readDelimited(data, builder);
        yield new Dataset(builder.build(), Map.of(), summary);
      }
    };
  }

  /** Reads {@code file} into {@code into}, so a train and a test file can share ID maps. */
  ReadSummary readInto(Path file, InteractionsBuilder into) throws IOException {
    return switch (resolvedFormat(file)) {
      case "movielens" -> movieLens().read(file, into);
      case "lastfm" -> lastFm().read(file, into);
      default -> readDelimited(file, into);
    };
  }

  private void requireData() {
    if (data == null) {
      throw new IllegalArgumentException("no plays given: pass --data PATH");
    }
  }

  private MovieLensReader movieLens() {
    MovieLensReader reader = new MovieLensReader().withThreshold(minRating);
    return skipBad ? reader.skippingBadRows() : reader;
  }

  private LastFmReader lastFm() {
    LastFmReader reader = new LastFmReader();
    return skipBad ? reader.skippingBadRows() : reader;
  }

  private ReadSummary readDelimited(Path file, InteractionsBuilder into) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no such file: " + file);
    }
    return new DelimitedReader(delimitedFormat(file)).read(file, into);
  }

  private DelimitedFormat delimitedFormat(Path file) {
    char separator = delimiterFor(file);
    DelimitedFormat base = new DelimitedFormat(separator, !noHeader, Charset.forName(encoding),
        column(userColumn, "--user-column"), column(itemColumn, "--item-column"), null, null, skipBad);
    Column value = valueColumn.equalsIgnoreCase("none") ? null : column(valueColumn, "--value-column");
    Column timestamp = timestampColumn == null ? null : column(timestampColumn, "--timestamp-column");
    return base.withValue(value).withTimestamp(timestamp);
  }

  private char delimiterFor(Path file) {
    if (delimiter == null) {
      return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? ',' : '\t';
    }
    if (delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t")) {
      return '\t';
    }
    if (delimiter.length() != 1) {
      throw new IllegalArgumentException("--delimiter '" + delimiter + "' must be one character or 'tab'");
    }
    return delimiter.charAt(0);
  }

  private static Column column(String spec, String option) {
    if (spec.chars().allMatch(Character::isDigit) && !spec.isEmpty()) {
      return Column.at(Integer.parseInt(spec));
    }
    if (spec.isBlank()) {
      throw new IllegalArgumentException(option + " must be a 0-based index or a header name");
    }
    return Column.named(spec);
  }

  private String resolvedFormat(Path path) {
    String chosen = format.toLowerCase(Locale.ROOT);
    switch (chosen) {
      case "movielens", "lastfm", "delimited":
        return chosen;
      case "auto":
        break;
      default:
        throw new IllegalArgumentException("--format '" + format + "' is not one of auto, delimited, movielens, lastfm");
    }
    if (Files.isDirectory(path)) {
      if (Files.isRegularFile(path.resolve("u.data"))) {
        return "movielens";
      }
      if (Files.isRegularFile(path.resolve("user_artists.dat"))) {
        return "lastfm";
      }
      throw new IllegalArgumentException("folder " + path + " holds neither u.data (MovieLens) nor user_artists.dat"
          + " (Last.fm); pass a file or --format");
    }
    return "delimited";
  }
}
