package dev.encore.server;

import dev.encore.content.ContentSimilarity;
import dev.encore.model.Recommendation;
import java.util.List;

/**
 * Tracks that sound alike: the weighted cosine of the catalogue's scaled features over the
 * features both tracks have, plus a bonus for shared genre and mood tags ({@link ContentSimilarity}).
 * Needs no plays, so a track nobody has played yet is listed as soon as the snapshot has its features.
 */
final class ContentSimilarTracks implements SimilarTracksStrategy {
  static final String NAME = "content";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Recommendation> similar(ServingView view, String trackId, int n) {
    ContentSimilarity similarity = view.snapshot().content().similarity("by '" + NAME + "'");
    if (!similarity.table().tracks().contains(trackId)) {
      throw ApiException.notFound("not_in_catalogue", "The track '" + trackId + "' has no features or tags in the"
          + " catalogue this snapshot was built from (model version " + view.snapshot().modelVersion() + "): POST"
          + " /v1/tracks with its features, and it is compared by sound after the next retrain (POST /v1/models/train).");
    }
    return similarity.similar(trackId, n).stream()
        .map(track -> new Recommendation(track.trackId(), (float) track.score())).toList();
  }
}
