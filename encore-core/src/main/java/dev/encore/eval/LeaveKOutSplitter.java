package dev.encore.eval;

import dev.encore.data.Csr;
import dev.encore.data.Interactions;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Holds out {@code k} entries of every user with more than {@code k} entries, either chosen at
 * random or the {@code k} latest by timestamp (the usual "predict what they played next" protocol).
 * Users with {@code k} or fewer entries stay wholly in train. {@code seed} matters only for
 * {@link Choice#RANDOM}.
 */
public record LeaveKOutSplitter(int k, Choice choice, long seed) implements Splitter {

  /** Which of a user's entries are left out. */
  public enum Choice {
    /** {@code k} entries drawn at random, seeded. */
    RANDOM,
    /**
     * The {@code k} entries with the latest timestamps; among entries tied at the boundary time
     * the higher item indices are taken, so the result is deterministic.
     */
    LATEST
  }

  public LeaveKOutSplitter {
    Arguments.requireAtLeastOne("k", k);
    if (choice == null) {
      throw new IllegalArgumentException("choice must be given: RANDOM or LATEST");
    }
  }

  /** {@code k} random entries per user. */
  public static LeaveKOutSplitter random(int k, long seed) {
    return new LeaveKOutSplitter(k, Choice.RANDOM, seed);
  }

  /** The {@code k} latest entries per user; the interactions must have timestamps. */
  public static LeaveKOutSplitter latest(int k) {
    return new LeaveKOutSplitter(k, Choice.LATEST, 0L);
  }

  @Override
  public Split split(Interactions interactions) {
    Csr matrix = interactions.userItems();
    BitSet inTest = switch (choice) {
      case RANDOM -> RandomRowSampler.pick(matrix, seed, length -> length > k ? k : 0);
      case LATEST -> latest(matrix, requireTimestamps(interactions));
    };
    return SplitAssembler.assemble(interactions, inTest);
  }

  private static long[] requireTimestamps(Interactions interactions) {
    if (!interactions.hasTimestamps()) {
      throw new IllegalArgumentException("leaving out the latest entries needs timestamps, but "
          + interactions + " has none: read the file with its time column, or leave out random entries instead"
          + " (encore's --split leave-k-out)");
    }
    return interactions.timestamps();
  }

  /**
   * Per row: the k-th latest time by sorting a copy of the row's times, then every entry after it
   * and, walking down from the highest item, as many entries at it as are still needed.
   */
  private BitSet latest(Csr matrix, long[] timestamps) {
    BitSet inTest = new BitSet(matrix.nnz());
    for (int user = 0; user < matrix.rows(); user++) {
      int start = matrix.rowStart(user);
      int end = matrix.rowEnd(user);
      if (end - start <= k) {
        continue;
      }
      long[] times = Arrays.copyOfRange(timestamps, start, end);
      Arrays.sort(times);
      long boundary = times[times.length - k];
      int taken = 0;
      for (int p = start; p < end; p++) {
        if (timestamps[p] > boundary) {
          inTest.set(p);
          taken++;
        }
      }
      for (int p = end - 1; p >= start && taken < k; p--) {
        if (timestamps[p] == boundary) {
          inTest.set(p);
          taken++;
        }
      }
    }
    return inTest;
  }
}
