package dev.encore.eval;

import dev.encore.data.Csr;
import dev.encore.data.IdIndex;
import dev.encore.data.Interactions;
import dev.encore.data.InteractionsBuilder;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/** Random interaction data and entry-level views of it for the eval tests. */
final class TestInteractions {
  private TestInteractions() {}

  /**
   * Every user and item is interned, even those that end up without entries, so the indices are
   * the full ranges; each (user, item) is present with probability {@code density}.
   */
  static Interactions random(long seed, int users, int items, double density, boolean timed) {
    Random random = new Random(seed);
    IdIndex.Builder userIds = new IdIndex.Builder("user");
    IdIndex.Builder itemIds = new IdIndex.Builder("item");
    for (int u = 0; u < users; u++) {
      userIds.intern("u" + u);
    }
    for (int i = 0; i < items; i++) {
      itemIds.intern("i" + i);
    }
    InteractionsBuilder builder = new InteractionsBuilder(userIds, itemIds);
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        if (random.nextDouble() < density) {
          float plays = 1 + random.nextInt(20);
          if (timed) {
            builder.add("u" + u, "i" + i, plays, 1_000 + random.nextInt(50));
          } else {
            builder.add("u" + u, "i" + i, plays);
          }
        }
      }
    }
    return builder.build();
  }

  /** One string per entry: user, item, value and timestamp (if any). */
  static Set<String> entries(Interactions interactions) {
    Csr matrix = interactions.userItems();
    Set<String> entries = new HashSet<>();
    for (int u = 0; u < matrix.rows(); u++) {
      for (int p = matrix.rowStart(u); p < matrix.rowEnd(u); p++) {
        String time = interactions.hasTimestamps() ? "@" + interactions.timestamps()[p] : "";
        entries.add(u + "," + matrix.indices()[p] + "=" + matrix.values()[p] + time);
      }
    }
    return entries;
  }
}
