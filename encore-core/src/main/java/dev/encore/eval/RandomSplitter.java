package dev.encore.eval;

import dev.encore.data.Interactions;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * Sends each entry to test independently with probability {@code testFraction}, as implicit's
 * {@code train_test_split} does. Users may end up with everything in test (cold in training) or
 * nothing in test; use {@link UserRatioSplitter} when every active user should be in both.
 */
public record RandomSplitter(double testFraction, long seed) implements Splitter {

  public RandomSplitter {
    Arguments.requireFraction("testFraction", testFraction);
  }

  @Override
  public Split split(Interactions interactions) {
    int entries = interactions.nnz();
    BitSet inTest = new BitSet(entries);
    SplittableRandom random = new SplittableRandom(seed);
    for (int p = 0; p < entries; p++) {
      if (random.nextDouble() < testFraction) {
        inTest.set(p);
      }
    }
    return SplitAssembler.assemble(interactions, inTest);
  }
}
