package dev.encore.index;

import dev.encore.model.ScoredItem;
import dev.encore.model.TopK;
import java.util.function.IntPredicate;
import java.util.List;

/**
 * An inverted-file (IVF) index over a model's item factors: the items are split into lists, and a
 * query scores only the lists whose centroids it scores best, then every item of those lists
 * exactly. Only which items are looked at is approximate, never a score. Two sets of lists, one
 * per question ({@link ScoreLists} for recommendations by inner product, {@link DirectionLists}
 * for similar tracks by cosine), because the clustering that finds one well finds the other
 * badly (measured on 186,650 trained tracks: at 8 of 864 lists probed, lists of close norms found
 * 77% of a track's ten nearest by cosine, lists by direction alone 96%). How many lists each question probes is chosen when the index is built,
 * for a measured recall ({@link IndexQuality}). Immutable and safe to share between threads.
 */
public final class ItemIndex {
  private final int factors;
  private final int items;
  private final ScoreLists scoreLists;
  private final DirectionLists directionLists;
  private final IndexQuality quality;
  private final ThreadLocal<Scratch> scratch;

  ItemIndex(int factors, int items, ScoreLists scoreLists, DirectionLists directionLists, IndexQuality quality) {
    this.factors = factors;
    this.items = items;
    this.scoreLists = scoreLists;
    this.directionLists = directionLists;
    this.quality = quality;
    int centroidSlots = Math.max(scoreLists.centroidSlots(), directionLists.centroidSlots());
    int largestList = scoreLists.largestListSlots();
    int lists = Math.max(scoreLists.lists(), directionLists.lists());
    this.scratch = ThreadLocal.withInitial(
        () -> new Scratch(new float[centroidSlots], new int[lists], new float[largestList]));
  }

  /** The same index with the probe counts and measured quality of {@code newQuality}. */
  ItemIndex withQuality(IndexQuality newQuality) {
    return new ItemIndex(factors, items, scoreLists, directionLists, newQuality);
  }

  public int factors() {
    return factors;
  }

  /** How many items (dense indices 0..items-1) the index covers. */
  public int items() {
    return items;
  }

  /** Lists of the given kind: all of them probed is an exact answer. */
  public int lists(boolean cosine) {
    return cosine ? directionLists.lists() : scoreLists.lists();
  }

  public IndexQuality quality() {
    return quality;
  }

  /**
   * The best {@code n} items by {@code query . y} among the lists the build chose to probe,
   * skipping items set in {@code blocked} (may be null); best first. Fewer than n when the
   * probed lists hold fewer unblocked items: a caller needing n then scores exactly.
   */
  public List<ScoredItem> topByScore(float[] query, int offset, int n, IntPredicate blocked) {
    return search(query, offset, n, blocked, quality.scoreProbes(), false);
  }

  /** As {@link #topByScore} by cosine, for a unit {@code query}. */
  public List<ScoredItem> topByCosine(float[] query, int offset, int n, IntPredicate blocked) {
    return search(query, offset, n, blocked, quality.cosineProbes(), true);
  }

  /**
   * Searches the {@code probes} best lists ({@code cosine}: by cosine for a unit query, else by
   * inner product); with probes = {@link #lists(boolean)} every item is scored and the answer is
   * exact.
   */
  public List<ScoredItem> search(float[] query, int offset, int n, IntPredicate blocked, int probes, boolean cosine) {
    Scratch buffers = scratch.get();
    int lists = lists(cosine);
    listScores(query, offset, cosine, buffers.centroidScores);
    TopK chosen = new TopK(Math.min(Math.max(probes, 1), lists));
    for (int list = 0; list < lists; list++) {
      chosen.offer(list, buffers.centroidScores[list]);
    }
    int probed = chosen.drainIndicesBestFirst(buffers.probeOrder);
    TopK top = new TopK(Math.max(0, Math.min(n, items)));
    for (int p = 0; p < probed; p++) {
      if (cosine) {
        directionLists.scan(buffers.probeOrder[p], query, offset, blocked, top);
      } else {
        scoreLists.scan(buffers.probeOrder[p], query, offset, blocked, top, buffers.tile);
      }
    }
    return top.drainBestFirst();
  }

  /**
   * Each list's probe score for {@code query} into {@code out[0..lists)}: lists are probed from
   * the highest, as {@link #search} does.
   */
  void listScores(float[] query, int offset, boolean cosine, float[] out) {
    if (cosine) {
      directionLists.scoreCentroids(query, offset, out);
    } else {
      scoreLists.probeScores(query, offset, out);
    }
  }

  /** Slots {@link #listScores} writes, at least the number of lists. */
  int listScoreSlots() {
    return Math.max(scoreLists.centroidSlots(), directionLists.centroidSlots());
  }

  /** The list each item is in, indexed by item. */
  int[] listOfItems(boolean cosine) {
    int[] listOf = new int[items];
    if (cosine) {
      int[] starts = directionLists.listStarts();
      int[] members = directionLists.members();
      for (int list = 0; list + 1 < starts.length; list++) {
        for (int position = starts[list]; position < starts[list + 1]; position++) {
          listOf[members[position]] = list;
        }
      }
    } else {
      int[] blocks = scoreLists.listBlocks();
      int[] slotItems = scoreLists.slotItems();
      int width = dev.encore.linalg.Kernels.PANEL_WIDTH;
      for (int list = 0; list + 1 < blocks.length; list++) {
        for (int slot = blocks[list] * width; slot < blocks[list + 1] * width; slot++) {
          if (slotItems[slot] >= 0) {
            listOf[slotItems[slot]] = list;
          }
        }
      }
    }
    return listOf;
  }

  /** Bytes the index holds beyond the model: the score lists' copy of the factors, maps, centroids. */
  public long memoryBytes() {
    return scoreLists.memoryBytes() + directionLists.memoryBytes();
  }

  ScoreLists scoreLists() {
    return scoreLists;
  }

  DirectionLists directionLists() {
    return directionLists;
  }

  private record Scratch(float[] centroidScores, int[] probeOrder, float[] tile) {}
}
