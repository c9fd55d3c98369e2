package dev.encore.content;

import dev.encore.data.IdIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The content of a track catalogue: one row of named audio features per track, stored row-major
 * in one {@code float[]} with {@link Float#NaN} for a value the source did not give, plus each
 * track's genre and mood tags. Infinite values are rejected on the way in, so NaN always means
 * "missing" and never "broken". Immutable.
 */
public final class FeatureTable {
  private final IdIndex tracks;
  private final List<String> featureNames;
  private final Map<String, Integer> featureIndex;
  private final float[] values;
  private final List<List<String>> genres;
  private final List<List<String>> moods;

  private FeatureTable(IdIndex tracks, List<String> featureNames, float[] values, List<List<String>> genres,
      List<List<String>> moods) {
    this.tracks = tracks;
    this.featureNames = List.copyOf(featureNames);
    this.featureIndex = indexNames(this.featureNames);
    this.values = values;
    this.genres = List.copyOf(genres);
    this.moods = List.copyOf(moods);
  }

  /** A builder for tracks described by {@code featureNames}, in that column order. */
  public static Builder builder(List<String> featureNames) {
    return new Builder(featureNames);
  }

  public IdIndex tracks() {
    return tracks;
  }

  public int trackCount() {
    return tracks.size();
  }

  public List<String> featureNames() {
    return featureNames;
  }

  public int featureCount() {
    return featureNames.size();
  }

  /** The column of {@code name}; throws naming the known features when there is none. */
  public int featureIndex(String name) {
    Integer index = featureIndex.get(name);
    if (index == null) {
      throw new IllegalArgumentException("no feature '" + name + "'; the features are " + featureNames);
    }
    return index;
  }

  /** The column of {@code name}, or -1. */
  public int findFeature(String name) {
    return featureIndex.getOrDefault(name, -1);
  }

  /** The value, NaN when missing. */
  public float value(int track, int feature) {
    Objects.checkIndex(feature, featureNames.size());
    return values[track * featureNames.size() + feature];
  }

  /** A copy of the track's row. */
  public float[] row(int track) {
    Objects.checkIndex(track, tracks.size());
    int width = featureNames.size();
    return Arrays.copyOfRange(values, track * width, (track + 1) * width);
  }

  /** A copy of all values, row-major, tracks by features. */
  public float[] values() {
    return values.clone();
  }

  public List<String> genres(int track) {
    return genres.get(track);
  }

  public List<String> moods(int track) {
    return moods.get(track);
  }

  /** The tracks' rows for {@code trackIds}, in that order, as a new table. */
  public FeatureTable select(List<String> trackIds) {
    Builder builder = new Builder(featureNames);
    for (String id : trackIds) {
      int track = tracks.indexOf(id);
      builder.add(id, row(track), genres.get(track), moods.get(track));
    }
    return builder.build();
  }

  private static Map<String, Integer> indexNames(List<String> names) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      if (index.put(names.get(i), i) != null) {
        throw new IllegalArgumentException("feature '" + names.get(i) + "' is named twice");
      }
    }
    return index;
  }

  /** Collects tracks one by one; a track ID may appear once. */
  public static final class Builder {
    private final List<String> featureNames;
    private final List<String> ids = new ArrayList<>();
    private final Map<String, Integer> seen = new HashMap<>();
    private final List<List<String>> genres = new ArrayList<>();
    private final List<List<String>> moods = new ArrayList<>();
    private float[] values = new float[0];

    private Builder(List<String> featureNames) {
      this.featureNames = List.copyOf(featureNames);
      indexNames(this.featureNames);
    }

    /**
     * Adds a track. {@code features} holds one value per feature name, NaN where missing;
     * an infinite value is an error naming the track and feature.
     */
    public Builder add(String trackId, float[] features, List<String> trackGenres, List<String> trackMoods) {
      Objects.requireNonNull(trackId, "track id");
      if (trackId.isEmpty()) {
        throw new IllegalArgumentException("track id is empty");
      }
      if (features.length != featureNames.size()) {
        throw new IllegalArgumentException("track '" + trackId + "' has " + features.length + " feature values, want "
            + featureNames.size() + " (" + featureNames + ")");
      }
      for (int f = 0; f < features.length; f++) {
        if (Float.isInfinite(features[f])) {
          throw new IllegalArgumentException("track '" + trackId + "' feature '" + featureNames.get(f) + "' is "
              + features[f] + "; values must be finite (leave it empty when unknown)");
        }
      }
      if (seen.putIfAbsent(trackId, ids.size()) != null) {
        throw new IllegalArgumentException("track '" + trackId + "' is described twice");
      }
      int width = featureNames.size();
      if ((ids.size() + 1) * width > values.length) {
        values = Arrays.copyOf(values, Math.max(16 * width, values.length * 2));
      }
      System.arraycopy(features, 0, values, ids.size() * width, width);
      ids.add(trackId);
      genres.add(List.copyOf(trackGenres));
      moods.add(List.copyOf(trackMoods));
      return this;
    }

    public int size() {
      return ids.size();
    }

    public FeatureTable build() {
      float[] exact = Arrays.copyOf(values, ids.size() * featureNames.size());
      return new FeatureTable(IdIndex.of("track", ids), featureNames, exact, genres, moods);
    }
  }
}
