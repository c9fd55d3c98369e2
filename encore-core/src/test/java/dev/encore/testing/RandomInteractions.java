package dev.encore.testing;

import dev.encore.data.Interactions;
import dev.encore.data.InteractionsBuilder;
import java.util.Random;

/** Small seeded random play matrices for kernel tests. */
public final class RandomInteractions {
  private RandomInteractions() {}

  /** Each user plays each item with probability {@code density}, counts 1..maxCount; every user plays something. */
  public static Interactions generate(int users, int items, double density, int maxCount, long seed) {
    Random random = new Random(seed);
    InteractionsBuilder builder = new InteractionsBuilder();
    for (int u = 0; u < users; u++) {
      builder.users().intern("u" + u);
    }
    for (int i = 0; i < items; i++) {
      builder.items().intern("i" + i);
    }
    for (int u = 0; u < users; u++) {
      boolean any = false;
      for (int i = 0; i < items; i++) {
        if (random.nextDouble() < density) {
          builder.addIndexed(u, i, 1 + random.nextInt(maxCount));
          any = true;
        }
      }
      if (!any) {
        builder.addIndexed(u, random.nextInt(items), 1);
      }
    }
    return builder.build();
  }
}
