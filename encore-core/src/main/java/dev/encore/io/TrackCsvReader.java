package dev.encore.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the track catalogue CSV that {@link dev.encore.synth.TrackCsvWriter} writes: a header
 * {@code track,genre,mood,} then feature names, one track per line, streamed. The {@code track}
 * column is required; {@code genre} and {@code mood} are optional columns and may be empty; every
 * other column is a numeric feature (any sign, finite), absent from the row when its field is
 * empty. A bad row stops the read with a {@link DatasetFormatException} naming file, line and
 * field, or with skip-bad on is skipped and counted.
 */
public final class TrackCsvReader {
  private static final Column TRACK = Column.named("track");
  private static final String GENRE = "genre";
  private static final String MOOD = "mood";

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
  public ReadSummary stream(Path file, Consumer<CatalogueRow> handler) throws IOException {
    DelimitedRows rows = new DelimitedRows(',', true, StandardCharsets.UTF_8, skipBad);
    return rows.read(file, header -> {
      int track = header.indexOf(TRACK, "track");
      int genre = header.names().indexOf(GENRE);
      int mood = header.names().indexOf(MOOD);
      List<Integer> featureColumns = new ArrayList<>();
      for (int column = 0; column < header.names().size(); column++) {
        if (column != track && column != genre && column != mood) {
          featureColumns.add(column);
        }
      }
      return row -> {
        String trackId = row.text(track, "track");
        Map<String, Float> features = new LinkedHashMap<>();
        for (int column : featureColumns) {
          String name = header.names().get(column);
          if (!row.raw(column, name).isEmpty()) {
            features.put(name, row.signedNumber(column, name));
          }
        }
        handler.accept(new CatalogueRow(row.source(), row.line(), trackId, optionalText(row, genre, GENRE),
            optionalText(row, mood, MOOD), features));
      };
    });
  }

  private static String optionalText(Row row, int column, String field) {
    if (column < 0) {
      return null;
    }
    String text = row.raw(column, field);
    return text.isEmpty() ? null : text;
  }
}
