package dev.encore.server;

/**
 * A strategy that ranks for the listener in person (ALS, content, hybrid), and so may be unable
 * to: then it answers with {@link Fallback}'s popular tracks and a note saying why.
 */
abstract class PersonalStrategy implements RecommendationStrategy {
  private final String name;
  protected final Fallback fallback;

  PersonalStrategy(String name, Fallback fallback) {
    this.name = name;
    this.fallback = fallback;
  }

  @Override
  public final String name() {
    return name;
  }
}
