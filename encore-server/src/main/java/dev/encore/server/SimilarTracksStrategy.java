package dev.encore.server;

import dev.encore.model.Recommendation;
import java.util.List;

/** One way to find tracks like a given one, chosen by {@code ?by=}; see {@link Strategies}. */
public interface SimilarTracksStrategy {
  String name();

  /** The {@code n} tracks most like {@code trackId}, itself excluded; the track is known to the store. */
  List<Recommendation> similar(ServingView view, String trackId, int n);
}
