package dev.encore.testing;

import dev.encore.data.Interactions;
import dev.encore.data.InteractionsBuilder;
import java.util.Random;

/**
 * Plays with a planted structure a recommender can learn: users and items fall in {@code groups}
 * taste groups, and a user plays items of their own group far more often than others.
 */
public final class PlantedInteractions {
  private PlantedInteractions() {}

  public static Interactions generate(int users, int items, int groups, double inGroup, double outGroup, long seed) {
    Random random = new Random(seed);
    InteractionsBuilder builder = new InteractionsBuilder();
    for (int u = 0; u < users; u++) {
      builder.users().intern("u" + u);
    }
    for (int i = 0; i < items; i++) {
      builder.items().intern("i" + i);
    }
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        double chance = u % groups == i % groups ? inGroup : outGroup;
        if (random.nextDouble() < chance) {
          builder.addIndexed(u, i, 1 + random.nextInt(5));
        }
      }
    }
    return builder.build();
  }
}
