package dev.encore.eval;

import dev.encore.data.Interactions;
import java.util.Arrays;
import java.util.BitSet;

/**
 * A global cut in time: entries at or after the {@code (1 - testFraction)} quantile of all
 * timestamps go to test, the rest to train, so every test entry is at or after every train entry
 * and the model never sees the future. Entries tied at the cut time all go to test, so with
 * coarse timestamps the test share can exceed {@code testFraction}; at least one entry goes to
 * test when there are any. Finding the cut sorts a copy of the timestamps (O(nnz log nnz));
 * building the halves is O(nnz).
 */
public record TemporalSplitter(double testFraction) implements Splitter {

  public TemporalSplitter {
    Arguments.requireFraction("testFraction", testFraction);
  }

  @Override
  public Split split(Interactions interactions) {
    if (!interactions.hasTimestamps()) {
      throw new IllegalArgumentException("a temporal split needs timestamps, but " + interactions
          + " has none: load the timestamp column or use a random or per-user split");
    }
    long[] timestamps = interactions.timestamps();
    BitSet inTest = new BitSet(timestamps.length);
    if (timestamps.length > 0) {
      long cut = cutTime(timestamps);
      for (int p = 0; p < timestamps.length; p++) {
        if (timestamps[p] >= cut) {
          inTest.set(p);
        }
      }
    }
    return SplitAssembler.assemble(interactions, inTest);
  }

  /** The earliest time that belongs to test. */
  long cutTime(long[] timestamps) {
    long[] sorted = timestamps.clone();
    Arrays.sort(sorted);
    long trainCount = Math.round((1 - testFraction) * sorted.length);
    return sorted[(int) Math.min(sorted.length - 1, trainCount)];
  }
}
