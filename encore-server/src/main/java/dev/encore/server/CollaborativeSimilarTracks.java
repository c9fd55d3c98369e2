package dev.encore.server;

import dev.encore.model.FactorModel;
import dev.encore.model.Recommendation;
import java.util.List;

/** Tracks whose ALS item factors point the same way (cosine): "listeners of this also play". */
final class CollaborativeSimilarTracks implements SimilarTracksStrategy {
  static final String NAME = "cf";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Recommendation> similar(ServingView view, String trackId, int n) {
    FactorModel model = ModelGuards.requireModel(view.snapshot());
    if (!model.items().contains(trackId)) {
      throw ModelGuards.notInModel("track", trackId, view.snapshot());
    }
    return model.similarItems(trackId, n);
  }
}
