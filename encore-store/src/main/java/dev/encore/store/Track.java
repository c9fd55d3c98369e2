package dev.encore.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A track of the catalogue: display names (either may be null), audio features by name (a
 * feature the track lacks is absent from the map) and its genre and mood tags in order.
 */
public record Track(String id, String title, String artist, Map<String, Float> features, List<String> genres,
    List<String> moods) {

  public Track {
    Ids.require(id, "track id");
    features = features == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(features));
    features.forEach((name, value) -> {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("track " + id + ": a feature name is empty");
      }
      if (value == null || !Float.isFinite(value)) {
        throw new IllegalArgumentException("track " + id + ": feature '" + name + "' = " + value + " must be a finite number");
      }
    });
    genres = tags(genres, id, "genre");
    moods = tags(moods, id, "mood");
  }

  /** A track known by its ID alone, as plays that name an unseen track create it. */
  public static Track bare(String id) {
    return new Track(id, null, null, Map.of(), List.of(), List.of());
  }

  private static List<String> tags(List<String> tags, String id, String kind) {
    if (tags == null) {
      return List.of();
    }
    for (String tag : tags) {
      if (tag == null || tag.isBlank()) {
        throw new IllegalArgumentException("track " + id + ": a " + kind + " is empty");
      }
    }
    return List.copyOf(tags);
  }
}
