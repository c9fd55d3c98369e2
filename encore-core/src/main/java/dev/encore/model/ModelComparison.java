package dev.encore.model;

import dev.encore.concurrent.Workers;
import dev.encore.data.IdIndex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * How much two models agree on neighbours: for items (and users) known to both, the mean
 * overlap@k of their cosine-nearest-neighbour lists, |A & B| / k. 1 means the same neighbours,
 * about k / n what two random models share. Answers "is a k=500 model really different from a
 * k=50 one?" without any held-out data.
 *
 * @param itemsCompared how many items were sampled (all shared ones when fewer than the sample)
 * @param itemOverlap mean overlap@k of similar-item lists
 * @param usersCompared how many users were sampled
 * @param userOverlap mean overlap@k of similar-user lists
 */
public record ModelComparison(int k, int itemsCompared, double itemOverlap, int usersCompared,
    double userOverlap) {

  /** Compares at most {@code sample} random shared items and users (seeded), on {@code threads} threads. */
  public static ModelComparison compare(FactorModel a, FactorModel b, int k, int sample, long seed, int threads) {
    if (k < 1) {
      throw new IllegalArgumentException("k " + k + " must be >= 1");
    }
    if (sample < 1) {
      throw new IllegalArgumentException("sample " + sample + " must be >= 1");
    }
    List<String> items = sharedSample(a.items(), b.items(), sample, seed);
    List<String> users = sharedSample(a.users(), b.users(), sample, seed + 1);
    double itemOverlap = meanOverlap(items, k, threads, id -> idsOf(a.similarItems(id, k)),
        id -> idsOf(b.similarItems(id, k)));
    double userOverlap = meanOverlap(users, k, threads, id -> userIdsOf(a.similarUsers(id, k)),
        id -> userIdsOf(b.similarUsers(id, k)));
    return new ModelComparison(k, items.size(), itemOverlap, users.size(), userOverlap);
  }

  private static double meanOverlap(List<String> ids, int k, int threads,
      java.util.function.Function<String, Set<String>> first, java.util.function.Function<String, Set<String>> second) {
    if (ids.isEmpty()) {
      return Double.NaN;
    }
    double[] overlaps = new double[ids.size()];
    Workers.run(threads, ids.size(), index -> {
      Set<String> left = first.apply(ids.get(index));
      Set<String> right = second.apply(ids.get(index));
      int shared = 0;
      for (String id : left) {
        if (right.contains(id)) {
          shared++;
        }
      }
      overlaps[index] = (double) shared / k;
    });
    double sum = 0;
    for (double overlap : overlaps) {
      sum += overlap;
    }
    return sum / ids.size();
  }

  private static List<String> sharedSample(IdIndex a, IdIndex b, int sample, long seed) {
    List<String> shared = new ArrayList<>();
    for (String id : a.ids()) {
      if (b.contains(id)) {
        shared.add(id);
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = shared.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      String swap = shared.get(i);
      shared.set(i, shared.get(j));
      shared.set(j, swap);
    }
    return shared.subList(0, Math.min(sample, shared.size()));
  }

  private static Set<String> idsOf(List<Recommendation> list) {
    Set<String> ids = new HashSet<>();
    for (Recommendation item : list) {
      ids.add(item.itemId());
    }
    return ids;
  }

  private static Set<String> userIdsOf(List<SimilarUser> list) {
    Set<String> ids = new HashSet<>();
    for (SimilarUser user : list) {
      ids.add(user.userId());
    }
    return ids;
  }
}
