package dev.encore.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One track of Encore's track CSV as {@link TrackCsvReader} reads it: where it came from (source
 * and 1-based line), its ID, title and artist (null when the file has no such column or the field
 * is empty), its genre and mood tags in file order, and its features by header name in column
 * order, a feature whose field is empty being absent (missing, never 0).
 */
public record CatalogueRow(String source, long line, String trackId, String title, String artist, List<String> genres,
    List<String> moods, Map<String, Float> features) {

  public CatalogueRow {
    Objects.requireNonNull(trackId, "trackId");
    genres = List.copyOf(genres);
    moods = List.copyOf(moods);
    features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
  }
}
