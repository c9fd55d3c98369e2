package dev.encore.server;

import dev.encore.hybrid.HybridSimilarity;
import dev.encore.model.FactorModel;
import dev.encore.model.Recommendation;
import java.util.List;

/**
 * Tracks alike by both signals: the cosine of ALS item factors and the content similarity, each
 * z-scored over the candidates and weighted alike, popularity left out ({@link HybridSimilarity#DEFAULT}).
 * A track with features but no plays takes part through its regressed factors.
 */
final class HybridSimilarTracks implements SimilarTracksStrategy {
  static final String NAME = "hybrid";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Recommendation> similar(ServingView view, String trackId, int n) {
    HybridSimilarity similarity = view.snapshot().content().hybridSimilarity("by '" + NAME + "'");
    FactorModel model = ModelGuards.requireModel(view.snapshot());
    if (!model.items().contains(trackId)) {
      throw ModelGuards.notInModel("track", trackId, view.snapshot());
    }
    return similarity.similar(trackId, n);
  }
}
