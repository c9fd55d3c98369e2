package dev.encore.server;

/**
 * One way to rank tracks for a listener, chosen by {@code ?strategy=} and registered in
 * {@link Strategies}. A strategy answers from the one {@link ServingView} the request took.
 */
public interface RecommendationStrategy {
  /** The name clients pass as {@code strategy}. */
  String name();

  /** The listener is known (to the model or the store); {@code query.n()} is within the API's bounds. */
  RecommendationResult recommend(ServingView view, RecommendationQuery query);
}
