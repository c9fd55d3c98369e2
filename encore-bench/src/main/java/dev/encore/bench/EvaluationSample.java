package dev.encore.bench;

import dev.encore.data.Csr;
import dev.encore.data.Interactions;
import java.util.Arrays;

/**
 * The held-out entries of the first n users only, over the same ID maps: the evaluator scores
 * just the users with a test entry, so this bounds the cost of scoring on 10^6-user datasets.
 * Users are generated independently of their index, so the first n are a fair sample, and
 * every system is scored on the same ones.
 */
final class EvaluationSample {
  private EvaluationSample() {}

  /** {@code test} with every row from user n on emptied; all of it when n is 0 or covers every user. */
  static Interactions firstUsers(Interactions test, int n) {
    Csr all = test.userItems();
    if (n <= 0 || n >= all.rows()) {
      return test;
    }
    int entries = all.rowStart(n);
    int[] indptr = Arrays.copyOf(all.indptr(), all.rows() + 1);
    Arrays.fill(indptr, n + 1, indptr.length, entries);
    Csr kept = new Csr(all.rows(), all.columns(), indptr, Arrays.copyOf(all.indices(), entries),
        Arrays.copyOf(all.values(), entries));
    return Interactions.of(test.users(), test.items(), kept, null);
  }
}
