package dev.encore.server;

import dev.encore.model.RecommendOptions;

/**
 * One way to rank tracks for a listener, chosen by {@code ?strategy=}. A strategy answers from
 * the one {@link ServingView} the request took. Content-based and hybrid strategies plug in by
 * registering in {@link Strategies}.
 */
public interface RecommendationStrategy {
  /** The name clients pass as {@code strategy}. */
  String name();

  /** The listener is known (to the model or the store); {@code n} is within the API's bounds. */
  RecommendationResult recommend(ServingView view, String userId, int n, RecommendOptions options);
}
