package dev.encore.server;

import dev.encore.model.RecommendOptions;
import dev.encore.model.Recommendation;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** The most popular tracks (by number of listeners) the listener may get, walking a ranking made once per snapshot. */
final class PopularStrategy implements RecommendationStrategy {
  static final String NAME = "popular";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RecommendationResult recommend(ServingView view, String userId, int n, RecommendOptions options) {
    ServingSnapshot snapshot = view.snapshot();
    BitSet blocked = options.blockedItems(view.playedTracks(userId), snapshot.tracks());
    List<Recommendation> tracks = new ArrayList<>(Math.min(n, snapshot.popularOrder().length));
    for (int track : snapshot.popularOrder()) {
      if (tracks.size() == n) {
        break;
      }
      if (!blocked.get(track)) {
        tracks.add(new Recommendation(snapshot.tracks().idOf(track), snapshot.popularity()[track]));
      }
    }
    return RecommendationResult.of(NAME, tracks);
  }
}
