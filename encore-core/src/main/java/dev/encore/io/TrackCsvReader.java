package dev.encore.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads Encore's track CSV, streamed one track at a time: the one parser of the format, which
 * {@link TrackFeaturesReader} collects into a table and the store's importer writes to the
 * database in batches. UTF-8, comma-separated, a header line; column {@code track} (the ID) is
 * required; {@code genre} and {@code mood} hold tags separated by {@code |} (empty for none);
 * {@code title} and {@code artist} are descriptive, not features; every other column is a numeric
 * feature (any sign, finite) by its header name, and an empty cell is a missing value, never 0.
 * Fields are not quoted.
 *
 * <p>A bad file stops the read with a {@link DatasetFormatException} naming file, line and column:
 * no {@code track} column, an empty or repeated column name, a row with too few or too many
 * fields, an empty track ID, a value that is not a finite number. With {@link #skippingBadRows()}
 * bad rows are skipped and counted instead (a bad header still stops the read). Whether a track ID
 * may repeat is the caller's rule: a table refuses it, an import lets the later row win.
 */
public final class TrackCsvReader {
  /** The columns with a meaning of their own; {@link FeatureCsvWriter} writes the same format. */
  static final String TRACK = "track";
  static final String GENRE = "genre";
  static final String MOOD = "mood";
  static final String TITLE = "title";
  static final String ARTIST = "artist";
  /** Columns that describe a track but are not features. */
  static final Set<String> DESCRIPTIVE = Set.of(TITLE, ARTIST);
  /** Between the tags of one genre or mood field. */
  static final String TAG_SEPARATOR = "|";

  private final boolean skipBad;

  /** Bad rows fatal. */
  public TrackCsvReader() {
    this(false);
  }

  private TrackCsvReader(boolean skipBad) {
    this.skipBad = skipBad;
  }

  /** Skips bad rows, counting them in the summary, instead of stopping. */
  public TrackCsvReader skippingBadRows() {
    return new TrackCsvReader(true);
  }

  /** Hands each track of {@code file} to {@code handler}, in file order. */
  public ReadSummary stream(Path file, CatalogueRowHandler handler) throws IOException {
    return rows().read(file, header -> bind(header, handler));
  }

  /** Reads from an open reader; {@code source} names it in messages. The caller closes it. */
  public ReadSummary stream(BufferedReader lines, String source, CatalogueRowHandler handler) throws IOException {
    return rows().read(lines, source, header -> bind(header, handler));
  }

  /** The error that refuses {@code row} because its {@code field} ({@code value}) breaks {@code rule}. */
  public static DatasetFormatException reject(CatalogueRow row, String field, String value, String rule) {
    return new DatasetFormatException(row.source(), row.line(), field, value, rule);
  }

  private DelimitedRows rows() {
    return new DelimitedRows(',', true, StandardCharsets.UTF_8, skipBad);
  }

  private static DelimitedRows.Handler bind(DelimitedRows.Header header, CatalogueRowHandler handler) {
    header.requireNamedOnce();
    int track = header.indexOf(Column.named(TRACK), TRACK);
    int genre = header.names().indexOf(GENRE);
    int mood = header.names().indexOf(MOOD);
    int title = header.names().indexOf(TITLE);
    int artist = header.names().indexOf(ARTIST);
    List<Integer> featureColumns = new ArrayList<>();
    List<String> featureNames = new ArrayList<>();
    for (int column = 0; column < header.names().size(); column++) {
      String name = header.names().get(column);
      if (column != track && column != genre && column != mood && !DESCRIPTIVE.contains(name)) {
        featureColumns.add(column);
        featureNames.add(name);
      }
    }
    handler.featureColumns(List.copyOf(featureNames));
    int width = header.names().size();
    return row -> {
      if (row.fieldCount() > width) {
        throw row.bad(null, null, "has " + row.fieldCount() + " fields, the header has " + width
            + " (fields are not quoted, so a value may not contain a comma)");
      }
      String trackId = row.text(track, TRACK);
      Map<String, Float> features = new LinkedHashMap<>();
      for (int f = 0; f < featureColumns.size(); f++) {
        float value = row.optionalSigned(featureColumns.get(f), featureNames.get(f));
        if (!Float.isNaN(value)) {
          features.put(featureNames.get(f), value);
        }
      }
      handler.accept(new CatalogueRow(row.source(), row.line(), trackId, optionalText(row, title, TITLE),
          optionalText(row, artist, ARTIST), tags(row, genre, GENRE), tags(row, mood, MOOD), features));
    };
  }

  private static String optionalText(Row row, int column, String field) {
    if (column < 0) {
      return null;
    }
    String text = row.raw(column, field);
    return text.isEmpty() ? null : text;
  }

  /** Tags from a {@code |}-separated field; blanks between separators and repeats are dropped. */
  private static List<String> tags(Row row, int column, String field) {
    String text = optionalText(row, column, field);
    if (text == null) {
      return List.of();
    }
    List<String> tags = new ArrayList<>();
    for (String tag : text.split(Pattern.quote(TAG_SEPARATOR))) {
      String stripped = tag.strip();
      if (!stripped.isEmpty() && !tags.contains(stripped)) {
        tags.add(stripped);
      }
    }
    return tags;
  }
}
