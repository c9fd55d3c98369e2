package dev.encore.model;

import dev.encore.data.Csr;
import dev.encore.data.IdIndex;
import java.util.BitSet;
import java.util.Set;

/**
 * What a recommendation may contain: whether played items are skipped (the default), and
 * optional sets of external item IDs to restrict to ({@code include}, null for all) or to leave
 * out ({@code exclude}). Unknown IDs in either set are errors, so a typo is not silently ignored.
 * {@code exact} scores the whole catalogue even where the model serves through an approximate
 * index.
 */
public record RecommendOptions(boolean filterPlayed, Set<String> include, Set<String> exclude, boolean exact) {

  public static final RecommendOptions DEFAULT = new RecommendOptions(true, null, Set.of());

  public RecommendOptions {
    exclude = exclude == null ? Set.of() : Set.copyOf(exclude);
    include = include == null ? null : Set.copyOf(include);
  }

  public RecommendOptions(boolean filterPlayed, Set<String> include, Set<String> exclude) {
    this(filterPlayed, include, exclude, false);
  }

  public RecommendOptions withExact(boolean value) {
    return new RecommendOptions(filterPlayed, include, exclude, value);
  }

  public static RecommendOptions keepPlayed() {
    return new RecommendOptions(false, null, Set.of());
  }

  public RecommendOptions withFilterPlayed(boolean filter) {
    return new RecommendOptions(filter, include, exclude, exact);
  }

  public RecommendOptions withInclude(Set<String> items) {
    return new RecommendOptions(filterPlayed, items, exclude, exact);
  }

  public RecommendOptions withExclude(Set<String> items) {
    return new RecommendOptions(filterPlayed, include, items, exact);
  }

  /** The items that may not be returned for {@code user}; user -1 means an unknown (folded-in) user. */
  public BitSet blockedItems(Csr played, int user, IdIndex items) {
    BitSet blocked = new BitSet(items.size());
    if (filterPlayed && user >= 0) {
      int[] indices = played.indices();
      for (int p = played.rowStart(user); p < played.rowEnd(user); p++) {
        blocked.set(indices[p]);
      }
    }
    blockAllBut(blocked, items);
    return blocked;
  }

  /** As {@link #blockedItems}, for a user given by the dense indices of what they played. */
  public BitSet blockedItems(int[] playedItems, IdIndex items) {
    BitSet blocked = new BitSet(items.size());
    if (filterPlayed) {
      for (int item : playedItems) {
        blocked.set(item);
      }
    }
    blockAllBut(blocked, items);
    return blocked;
  }

  /** The items blocked for every user alike: the excluded ones and, with an include set, all others. */
  public BitSet blockedForAll(IdIndex items) {
    BitSet blocked = new BitSet(items.size());
    blockAllBut(blocked, items);
    return blocked;
  }

  private void blockAllBut(BitSet blocked, IdIndex items) {
    for (String id : exclude) {
      blocked.set(items.indexOf(id));
    }
    if (include != null) {
      BitSet allowed = new BitSet(items.size());
      for (String id : include) {
        allowed.set(items.indexOf(id));
      }
      allowed.flip(0, items.size());
      blocked.or(allowed);
    }
  }
}
