package dev.encore.server;

import dev.encore.model.Recommendation;
import dev.encore.store.EncoreStore;
import dev.encore.store.Track;
import io.javalin.http.Context;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code include=names} adds to the tracks of an answer: title, artist and tags from the
 * catalogue, read in one query for the whole answer. Left out unless asked, so the answers that
 * do not need them pay no database read.
 */
final class TrackNames {
  static final String INCLUDE = "names";
  private static final Set<String> OFFERED = Set.of(INCLUDE);
  private static final TrackNames NONE = new TrackNames(null);

  private final Map<String, Track> tracks;

  private TrackNames(Map<String, Track> tracks) {
    this.tracks = tracks;
  }

  /** The names of {@code trackIds} when the request says {@code include=names}; none otherwise. */
  static TrackNames forRequest(Context ctx, EncoreStore store, Collection<String> trackIds) {
    return QueryParameters.includes(ctx, INCLUDE, OFFERED) ? new TrackNames(store.tracks().findAll(trackIds)) : NONE;
  }

  /** The stored track, or null when names were not asked for or the catalogue lacks it. */
  Track of(String trackId) {
    return tracks == null ? null : tracks.get(trackId);
  }

  /** A track of an answer, with its names when they were asked for. */
  RecommendationRoutes.ScoredTrack scored(String trackId, float score) {
    Track track = of(trackId);
    return track == null ? new RecommendationRoutes.ScoredTrack(trackId, score, null, null, null, null)
        : new RecommendationRoutes.ScoredTrack(trackId, score, track.title(), track.artist(), track.genres(),
            track.moods());
  }

  /** The tracks of an answer, with their names when they were asked for. */
  List<RecommendationRoutes.ScoredTrack> scored(List<Recommendation> tracks) {
    return tracks.stream().map(r -> scored(r.itemId(), r.score())).toList();
  }

  static List<String> ids(List<Recommendation> tracks) {
    return tracks.stream().map(Recommendation::itemId).toList();
  }
}
