package dev.encore.content;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * One kind of tag (genres or moods) of every item as small integer IDs, so that scoring a
 * listener's tag shares against 50,000 tracks is array reads rather than a string-keyed map
 * lookup per track and tag (which took two thirds of a content recommendation's time).
 */
final class ItemTags {
  private final Map<String, Integer> ids = new HashMap<>();
  private final int[][] tagsOfItem;

  ItemTags(int itemCount, IntFunction<List<String>> tagsOf) {
    tagsOfItem = new int[itemCount][];
    for (int item = 0; item < itemCount; item++) {
      List<String> tags = tagsOf.apply(item);
      int[] itemIds = new int[tags.size()];
      for (int t = 0; t < itemIds.length; t++) {
        itemIds[t] = ids.computeIfAbsent(tags.get(t), tag -> ids.size());
      }
      tagsOfItem[item] = itemIds;
    }
  }

  /** {@code sharesByName} as an array by tag ID; tags no item carries are dropped. */
  double[] byId(Map<String, Double> sharesByName) {
    double[] shares = new double[ids.size()];
    ids.forEach((tag, id) -> shares[id] = sharesByName.getOrDefault(tag, 0.0));
    return shares;
  }

  /** The mean of {@code sharesById} over the item's tags, in the item's tag order; 0 without tags. */
  double meanShare(double[] sharesById, int item) {
    int[] itemIds = tagsOfItem[item];
    if (itemIds.length == 0) {
      return 0;
    }
    double sum = 0;
    for (int id : itemIds) {
      sum += sharesById[id];
    }
    return sum / itemIds.length;
  }
}
