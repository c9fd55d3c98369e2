package dev.encore.eval;

import dev.encore.data.Interactions;

/**
 * A stratified split: every user with at least two entries holds out
 * {@code round(testFraction * n)} of their n entries, at least one and at most n - 1, chosen at
 * random; users with a single entry keep it in train. Every tested user is therefore also a
 * trained one, which a per-interaction random split does not promise.
 */
public record UserRatioSplitter(double testFraction, long seed) implements Splitter {

  public UserRatioSplitter {
    Arguments.requireFraction("testFraction", testFraction);
  }

  @Override
  public Split split(Interactions interactions) {
    return SplitAssembler.assemble(interactions,
        RandomRowSampler.pick(interactions.userItems(), seed, this::testCount));
  }

  /** How many of a user's {@code entries} go to test. */
  int testCount(int entries) {
    if (entries < 2) {
      return 0;
    }
    long rounded = Math.round(testFraction * entries);
    return (int) Math.max(1, Math.min(entries - 1, rounded));
  }
}
