package dev.encore.hybrid;

import dev.encore.content.FeatureTable;
import dev.encore.data.Csr;
import dev.encore.model.FactorModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cold start for tracks: every track of a feature table that the model has never seen gets ALS
 * item factors predicted from its scaled features by an {@link ItemFactorRegression} learned from
 * the model's warm tracks (those with features and at least one play), and joins the model. From
 * then on it is recommended through the ordinary ALS path and appears in similar-track lists.
 */
public final class NewTracks {
  /** Default ridge penalty, in units of scaled features squared; see the README's cold-start table. */
  public static final double DEFAULT_RIDGE = 1.0;

  private NewTracks() {}

  /** The extended model and the IDs of the tracks it gained, in the feature table's order. */
  public record Extension(FactorModel model, List<String> addedTracks, ItemFactorRegression regression) {}

  /**
   * {@code model} plus the tracks of {@code scaledFeatures} it lacks. A track of the model without
   * features keeps its factors and teaches the regression nothing.
   */
  public static Extension addTo(FactorModel model, FeatureTable scaledFeatures, double ridge) {
    Objects.requireNonNull(model, "model");
    ItemFactorRegression regression = learn(model, scaledFeatures, ridge);
    List<String> added = new ArrayList<>();
    for (String track : scaledFeatures.tracks().ids()) {
      if (!model.items().contains(track)) {
        added.add(track);
      }
    }
    int factors = model.factors();
    float[] addedFactors = new float[added.size() * factors];
    for (int i = 0; i < added.size(); i++) {
      float[] row = scaledFeatures.row(scaledFeatures.tracks().indexOf(added.get(i)));
      System.arraycopy(regression.predict(row, 0), 0, addedFactors, i * factors, factors);
    }
    return new Extension(model.withItems(added, addedFactors), List.copyOf(added), regression);
  }

  /** The regression of the model's warm tracks' factors on their scaled features. */
  public static ItemFactorRegression learn(FactorModel model, FeatureTable scaledFeatures, double ridge) {
    int width = scaledFeatures.featureCount();
    int factors = model.factors();
    int[] playCounts = listenerCounts(model.played(), model.items().size());
    List<Integer> warmItems = new ArrayList<>();
    List<Integer> warmTracks = new ArrayList<>();
    for (int item = 0; item < model.items().size(); item++) {
      int track = scaledFeatures.tracks().find(model.items().idOf(item));
      if (track >= 0 && playCounts[item] > 0) {
        warmItems.add(item);
        warmTracks.add(track);
      }
    }
    if (warmItems.isEmpty()) {
      throw new IllegalArgumentException("none of the model's " + model.items().size()
          + " played tracks is in the feature table: there is nothing to learn new tracks' factors from"
          + " (do the track IDs of the features file match the plays?)");
    }
    int rows = warmItems.size();
    float[] features = new float[rows * width];
    float[] targets = new float[rows * factors];
    float[] itemFactors = model.itemFactors();
    for (int r = 0; r < rows; r++) {
      System.arraycopy(scaledFeatures.row(warmTracks.get(r)), 0, features, r * width, width);
      System.arraycopy(itemFactors, warmItems.get(r) * factors, targets, r * factors, factors);
    }
    return ItemFactorRegression.fit(features, targets, rows, width, factors, ridge);
  }

  private static int[] listenerCounts(Csr played, int items) {
    int[] counts = new int[items];
    for (int item : played.indices()) {
      counts[item]++;
    }
    return counts;
  }
}
