package dev.encore.content;

import dev.encore.data.IdIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Scaled track features laid out by a recommender's dense item index: row i holds the features of
 * item i, all NaN (and no tags) when the catalogue does not describe that item. The play data and
 * the feature file name tracks independently; this is the one place that lines them up, so the
 * content, hybrid and cold-start code index features exactly as they index scores.
 */
public final class ItemFeatures {
  private final IdIndex items;
  private final List<String> featureNames;
  private final float[] values;
  private final float[] columns;
  private final boolean[] described;
  private final List<List<String>> genres;
  private final List<List<String>> moods;

  private ItemFeatures(IdIndex items, List<String> featureNames, float[] values, boolean[] described,
      List<List<String>> genres, List<List<String>> moods) {
    this.items = items;
    this.featureNames = featureNames;
    this.values = values;
    this.columns = featureMajor(values, items.size(), featureNames.size());
    this.described = described;
    this.genres = genres;
    this.moods = moods;
  }

  /** The rows of {@code scaled} for {@code items}; tracks of the table that are not items are left out. */
  public static ItemFeatures align(IdIndex items, FeatureTable scaled) {
    Objects.requireNonNull(items, "items");
    int width = scaled.featureCount();
    float[] values = new float[items.size() * width];
    Arrays.fill(values, Float.NaN);
    boolean[] described = new boolean[items.size()];
    List<List<String>> genres = new ArrayList<>(items.size());
    List<List<String>> moods = new ArrayList<>(items.size());
    for (int item = 0; item < items.size(); item++) {
      int track = scaled.tracks().find(items.idOf(item));
      if (track < 0) {
        genres.add(List.of());
        moods.add(List.of());
        continue;
      }
      described[item] = true;
      System.arraycopy(scaled.row(track), 0, values, item * width, width);
      genres.add(scaled.genres(track));
      moods.add(scaled.moods(track));
    }
    return new ItemFeatures(items, scaled.featureNames(), values, described, List.copyOf(genres),
        List.copyOf(moods));
  }

  public IdIndex items() {
    return items;
  }

  public List<String> featureNames() {
    return featureNames;
  }

  public int featureCount() {
    return featureNames.size();
  }

  /** Whether the feature table has a row for this item. */
  public boolean isDescribed(int item) {
    return described[item];
  }

  /** How many items the feature table describes. */
  public int describedCount() {
    int count = 0;
    for (boolean isDescribed : described) {
      count += isDescribed ? 1 : 0;
    }
    return count;
  }

  /**
   * Every value again, feature by feature: feature f of item i at {@code [f * items + i]}. Scoring
   * all tracks against a profile runs down one feature's column at a time, sixteen tracks per vector
   * step; the row layout would need a gather for each step. Read only.
   */
  public float[] featureMajor() {
    return columns;
  }

  private static float[] featureMajor(float[] rows, int itemCount, int width) {
    float[] columns = new float[rows.length];
    for (int item = 0; item < itemCount; item++) {
      for (int feature = 0; feature < width; feature++) {
        columns[feature * itemCount + item] = rows[item * width + feature];
      }
    }
    return columns;
  }

  /** The scaled value, NaN when missing or when the item is not described. */
  public float value(int item, int feature) {
    Objects.checkIndex(feature, featureNames.size());
    return values[item * featureNames.size() + feature];
  }

  public List<String> genres(int item) {
    return genres.get(item);
  }

  public List<String> moods(int item) {
    return moods.get(item);
  }
}
