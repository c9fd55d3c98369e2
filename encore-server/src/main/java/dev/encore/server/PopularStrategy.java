package dev.encore.server;

import dev.encore.hybrid.StarterTracks;
import dev.encore.model.Recommendation;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The most popular tracks (by number of listeners) the listener may get, walking a ranking made
 * once per snapshot; for a listener with no plays who picked genres or moods, the most popular
 * tracks of those tags ({@link StarterTracks}). What the personal strategies fall back to
 * ({@link Fallback}).
 */
final class PopularStrategy implements RecommendationStrategy {
  static final String NAME = "popular";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RecommendationResult recommend(ServingView view, RecommendationQuery query) {
    ServingSnapshot snapshot = view.snapshot();
    int[] played = view.playedTracks(query.userId());
    if (played.length == 0 && query.picksStarterTags()) {
      return RecommendationResult.of(NAME, starters(snapshot, query));
    }
    BitSet blocked = query.options().blockedItems(played, snapshot.tracks());
    List<Recommendation> tracks = new ArrayList<>(Math.min(query.n(), snapshot.popularOrder().length));
    for (int track : snapshot.popularOrder()) {
      if (tracks.size() == query.n()) {
        break;
      }
      if (!blocked.get(track)) {
        tracks.add(new Recommendation(snapshot.tracks().idOf(track), snapshot.popularity().popularity(track)));
      }
    }
    return RecommendationResult.of(NAME, tracks);
  }

  private static List<Recommendation> starters(ServingSnapshot snapshot, RecommendationQuery query) {
    try {
      return StarterTracks.recommend(snapshot.popularity(), snapshot.content().tags("genre and mood"),
          query.genres(), query.moods(), query.n(), query.options().blockedForAll(snapshot.tracks()));
    } catch (IllegalArgumentException unknownTag) {
      throw ApiException.badRequest("invalid_parameter", "Parameter " + unknownTag.getMessage() + ".");
    }
  }
}
