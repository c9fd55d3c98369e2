package dev.encore.io;

import dev.encore.content.FeatureTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads Encore's track CSV into a {@link FeatureTable}: UTF-8, comma-separated, a header line;
 * column {@code track} (the ID) is required; {@code genre} and {@code mood} hold tags separated by
 * {@code |} (empty for none); {@code title} and {@code artist} are descriptive and not features;
 * every other column is a numeric feature by its header name, and an empty cell is a missing value
 * (NaN), never 0. Fields are not quoted.
 *
 * <p>A bad file stops the read with a {@link DatasetFormatException} naming file, line and column:
 * no {@code track} column, an empty or repeated column name, a row with too few or too many
 * fields, an empty or repeated track ID, a value that is not a finite number. With
 * {@code skipBad} bad rows are skipped and counted instead (a bad header still stops the read).
 */
public final class TrackFeaturesReader {
  public static final String TRACK = "track";
  public static final String GENRE = "genre";
  public static final String MOOD = "mood";
  /** Columns that describe a track but are not features. */
  static final Set<String> DESCRIPTIVE = Set.of("title", "artist");
  static final String TAG_SEPARATOR = "\\|";

  private final boolean skipBad;

  public TrackFeaturesReader() {
    this(false);
  }

  public TrackFeaturesReader(boolean skipBad) {
    this.skipBad = skipBad;
  }

  public FeatureDataset read(Path file) throws IOException {
    Collector collector = new Collector();
    ReadSummary summary = rows().read(file, collector::bind);
    return new FeatureDataset(collector.build(file.toString()), summary);
  }

  /** Reads from an open reader; {@code source} names it in messages. The caller closes it. */
  public FeatureDataset read(BufferedReader lines, String source) throws IOException {
    Collector collector = new Collector();
    ReadSummary summary = rows().read(lines, source, collector::bind);
    return new FeatureDataset(collector.build(source), summary);
  }

  private DelimitedRows rows() {
    return new DelimitedRows(',', true, StandardCharsets.UTF_8, skipBad);
  }

  /** Tags from a {@code |}-separated field; blanks between separators are dropped. */
  static List<String> tags(String field) {
    if (field.isEmpty()) {
      return List.of();
    }
    List<String> tags = new ArrayList<>();
    for (String tag : field.split(TAG_SEPARATOR)) {
      String stripped = tag.strip();
      if (!stripped.isEmpty() && !tags.contains(stripped)) {
        tags.add(stripped);
      }
    }
    return tags;
  }

  /** Rejects a header with an empty or repeated column name, naming it. */
  static void checkHeader(DelimitedRows.Header header) {
    Set<String> seen = new HashSet<>();
    for (int column = 0; column < header.names().size(); column++) {
      String name = header.names().get(column);
      if (name.isEmpty()) {
        throw new DatasetFormatException(header.source(), 1, null, null,
            "column " + (column + 1) + " of the header has no name");
      }
      if (!seen.add(name)) {
        throw new DatasetFormatException(header.source(), 1, name, null, "is named twice in the header");
      }
    }
  }

  private static final class Collector {
    private FeatureTable.Builder builder;
    private List<String> featureNames;

    DelimitedRows.Handler bind(DelimitedRows.Header header) {
      checkHeader(header);
      int track = header.indexOf(Column.named(TRACK), TRACK);
      int genre = header.names().indexOf(GENRE);
      int mood = header.names().indexOf(MOOD);
      List<Integer> featureColumns = new ArrayList<>();
      featureNames = new ArrayList<>();
      for (int column = 0; column < header.names().size(); column++) {
        String name = header.names().get(column);
        if (column != track && column != genre && column != mood && !DESCRIPTIVE.contains(name)) {
          featureColumns.add(column);
          featureNames.add(name);
        }
      }
      builder = FeatureTable.builder(featureNames);
      int width = header.names().size();
      Set<String> ids = new HashSet<>();
      return row -> {
        if (row.fieldCount() > width) {
          throw row.bad(null, null, "has " + row.fieldCount() + " fields, the header has " + width
              + " (fields are not quoted, so a value may not contain a comma)");
        }
        String id = row.text(track, TRACK);
        float[] values = new float[featureColumns.size()];
        for (int f = 0; f < values.length; f++) {
          values[f] = row.optionalSigned(featureColumns.get(f), featureNames.get(f));
        }
        List<String> genres = genre < 0 ? List.of() : tags(row.raw(genre, GENRE));
        List<String> moods = mood < 0 ? List.of() : tags(row.raw(mood, MOOD));
        if (!ids.add(id)) {
          throw row.bad(TRACK, id, "is described twice");
        }
        builder.add(id, values, genres, moods);
      };
    }

    FeatureTable build(String source) {
      if (builder == null) {
        throw new DatasetFormatException(source, 1, null, null, "is missing: the file is empty, with no header line");
      }
      return builder.build();
    }
  }
}
