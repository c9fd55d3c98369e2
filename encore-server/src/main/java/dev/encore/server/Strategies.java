package dev.encore.server;

/**
 * The strategies the server offers. Content-based and hybrid ranking need track features and
 * the recommenders of the content issue; until those register here, asking for them says so.
 */
public final class Strategies {
  private static final String NEEDS_FEATURES = "needs track features and content-based ranking, which this"
      + " server does not have yet";

  private Strategies() {}

  /** {@code ?strategy=} of GET /v1/users/{id}/recommendations. */
  public static StrategyRegistry<RecommendationStrategy> recommendations() {
    PopularStrategy popular = new PopularStrategy();
    return new StrategyRegistry<RecommendationStrategy>("strategy", RecommendationStrategy::name)
        .register(new AlsStrategy(popular))
        .register(popular)
        .planned("content", NEEDS_FEATURES)
        .planned("hybrid", NEEDS_FEATURES);
  }

  /** {@code ?by=} of GET /v1/tracks/{id}/similar. */
  public static StrategyRegistry<SimilarTracksStrategy> similarTracks() {
    return new StrategyRegistry<SimilarTracksStrategy>("by", SimilarTracksStrategy::name)
        .register(new CollaborativeSimilarTracks())
        .planned("content", NEEDS_FEATURES)
        .planned("hybrid", NEEDS_FEATURES);
  }
}
