package dev.encore.server;

import dev.encore.content.ContentSimilarity;
import dev.encore.content.FeatureScaler;
import dev.encore.content.FeatureTable;
import dev.encore.content.FeatureWeights;
import dev.encore.content.SimilarityMetric;
import dev.encore.hybrid.NewTracks;
import dev.encore.model.FactorModel;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalogue's audio features and tags as one snapshot serves them: the table read from the
 * store, the robust z-scores learned from it ({@link FeatureScaler#learn}), the scaled table, and
 * the content similarity over it (Encore's default weights and tag bonus). Independent of any
 * model; built once per snapshot, immutable.
 *
 * @param catalogue the tracks with a feature or a tag, as read (possibly none)
 * @param scaled the same tracks scaled; the catalogue itself when it has no features to scale
 * @param similarity null when no track has a feature
 */
record CatalogueFeatures(FeatureTable catalogue, FeatureTable scaled, ContentSimilarity similarity) {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogueFeatures.class);

  /** A catalogue that describes no track. */
  static final FeatureTable NO_TRACKS = FeatureTable.builder(List.of()).build();

  static CatalogueFeatures of(FeatureTable catalogue) {
    // Feature columns exist only for names some track has a value of (TrackRepository.features).
    if (catalogue.featureCount() == 0 || catalogue.trackCount() == 0) {
      return new CatalogueFeatures(catalogue, catalogue, null);
    }
    FeatureScaler scaler = FeatureScaler.learn(catalogue);
    ContentSimilarity similarity = ContentSimilarity.of(catalogue, scaler,
        SimilarityMetric.weighted(scaler.featureNames(), FeatureWeights.defaults()), ContentSimilarity.DEFAULT_TAG_WEIGHT);
    return new CatalogueFeatures(catalogue, catalogue.scaledBy(scaler), similarity);
  }

  boolean hasFeatures() {
    return similarity != null;
  }

  boolean hasTags() {
    for (int track = 0; track < catalogue.trackCount(); track++) {
      if (!catalogue.genres(track).isEmpty() || !catalogue.moods(track).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Cold start for tracks: {@code trained} plus every track with features that it has no plays
   * of, with ALS factors regressed from the features ({@link NewTracks}), so the ALS and hybrid
   * paths can recommend them and list them as similar. The model as it is when there is nothing
   * to add, or no played track with features to learn the regression from.
   */
  FactorModel withNewTracks(FactorModel trained) {
    if (!hasFeatures()) {
      return trained;
    }
    List<String> newTracks = new ArrayList<>();
    for (int track = 0; track < catalogue.trackCount(); track++) {
      String id = catalogue.tracks().idOf(track);
      // A track with tags alone would get the average track's factors, which say nothing about it.
      if (!trained.items().contains(id) && hasAnyFeature(track)) {
        newTracks.add(id);
      }
    }
    if (newTracks.isEmpty()) {
      return trained;
    }
    // The regression learns from the played tracks with features; one with tags alone would teach it noise.
    List<String> described = new ArrayList<>();
    for (String id : trained.items().ids()) {
      int track = catalogue.tracks().find(id);
      if (track >= 0 && hasAnyFeature(track)) {
        described.add(id);
      }
    }
    if (described.isEmpty()) {
      LOG.warn("{} tracks have features but no plays, and no played track has features to learn their factors"
          + " from: they appear in content similar lists only", newTracks.size());
      return trained;
    }
    described.addAll(newTracks);
    NewTracks.Extension extension = NewTracks.addTo(trained, scaled.select(described), NewTracks.DEFAULT_RIDGE);
    LOG.info("{} tracks without plays got factors from their features", extension.addedTracks().size());
    return extension.model();
  }

  private boolean hasAnyFeature(int track) {
    for (int feature = 0; feature < catalogue.featureCount(); feature++) {
      if (!Float.isNaN(catalogue.value(track, feature))) {
        return true;
      }
    }
    return false;
  }
}
