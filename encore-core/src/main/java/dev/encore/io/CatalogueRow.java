package dev.encore.io;

import java.util.Map;

/**
 * One track of a catalogue CSV as {@link TrackCsvReader} streams it: where it came from (source
 * and 1-based line), its ID, genre and mood (null when the field is empty) and its features by
 * header name, a feature whose field is empty being absent.
 */
public record CatalogueRow(String source, long line, String trackId, String genre, String mood,
    Map<String, Float> features) {

  public CatalogueRow {
    features = Map.copyOf(features);
  }
}
