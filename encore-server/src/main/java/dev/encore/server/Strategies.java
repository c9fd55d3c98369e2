package dev.encore.server;

/** The strategies the server offers, by the name a query parameter picks them with. */
public final class Strategies {
  private Strategies() {}

  /** {@code ?strategy=} of GET /v1/users/{id}/recommendations. */
  public static StrategyRegistry<RecommendationStrategy> recommendations() {
    PopularStrategy popular = new PopularStrategy();
    Fallback fallback = new Fallback(popular);
    return new StrategyRegistry<RecommendationStrategy>("strategy", RecommendationStrategy::name)
        .register(new AlsStrategy(fallback))
        .register(popular)
        .register(new ContentStrategy(fallback))
        .register(new HybridStrategy(fallback));
  }

  /** {@code ?by=} of GET /v1/tracks/{id}/similar. */
  public static StrategyRegistry<SimilarTracksStrategy> similarTracks() {
    return new StrategyRegistry<SimilarTracksStrategy>("by", SimilarTracksStrategy::name)
        .register(new CollaborativeSimilarTracks())
        .register(new ContentSimilarTracks())
        .register(new HybridSimilarTracks());
  }
}
