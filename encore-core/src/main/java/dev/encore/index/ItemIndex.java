package dev.encore.index;

import dev.encore.linalg.FactorPanels;
import dev.encore.linalg.Kernels;
import dev.encore.model.ScoredItem;
import dev.encore.model.TopK;
import java.util.BitSet;
import java.util.List;

/**
 * An inverted-file (IVF) index over a model's item factors: the items are split into lists by
 * direction, and a query scores only the lists whose centroids it scores best, then every item
 * of those lists exactly. One layout serves both questions:
 *
 * <ul>
 *   <li>recommendations, the largest inner product {@code q . y}: lists are clusters of the
 *       items after Bachrach et al. (2014)'s transform {@code y -> [y, sqrt(M^2 - |y|^2)] / M},
 *       under which the largest inner product is the nearest direction, so lists are probed in
 *       the order of {@code q . centroid} and large-norm items are not lost to their direction;
 *   <li>similar tracks, the largest cosine: lists are probed by their centroid's direction and
 *       each item's score is {@code q . y / |y|}.
 * </ul>
 *
 * <p>The lists hold a copy of the raw item factors in panel layout, list after list (padded to
 * whole 16-row blocks), so a list is scanned with the same vector kernel as exact scoring and the
 * scores it gives are the exact scores: only which items are looked at is approximate. How many
 * lists each question probes is chosen when the index is built, for a measured recall
 * ({@link IndexQuality}). Immutable and safe to share between threads.
 */
public final class ItemIndex {
  private final int factors;
  private final int items;
  private final int lists;
  private final int[] listBlocks;
  private final float[] panels;
  private final int[] slotItems;
  private final float[] slotInverseNorms;
  private final FactorPanels scoreCentroids;
  private final FactorPanels directionCentroids;
  private final int largestListSlots;
  private final IndexQuality quality;
  private final ThreadLocal<Scratch> scratch;

  ItemIndex(int factors, int items, int[] listBlocks, float[] panels, int[] slotItems, float[] slotInverseNorms,
      float[] centroids, IndexQuality quality) {
    this.factors = factors;
    this.items = items;
    this.lists = listBlocks.length - 1;
    this.listBlocks = listBlocks;
    this.panels = panels;
    this.slotItems = slotItems;
    this.slotInverseNorms = slotInverseNorms;
    this.scoreCentroids = FactorPanels.of(centroids, lists, factors, false);
    this.directionCentroids = FactorPanels.of(centroids, lists, factors, true);
    int largest = 0;
    for (int list = 0; list < lists; list++) {
      largest = Math.max(largest, listBlocks[list + 1] - listBlocks[list]);
    }
    this.largestListSlots = largest * Kernels.PANEL_WIDTH;
    this.quality = quality;
    this.scratch = ThreadLocal.withInitial(
        () -> new Scratch(new float[scoreCentroids.blocks() * Kernels.PANEL_WIDTH], new int[lists],
            new float[largestListSlots]));
  }

  /** The same index with the probe counts and measured quality of {@code newQuality}. */
  ItemIndex withQuality(IndexQuality newQuality) {
    return new ItemIndex(factors, items, listBlocks, panels, slotItems, slotInverseNorms, centroidRows(), newQuality);
  }

  public int factors() {
    return factors;
  }

  /** How many items (dense indices 0..items-1) the index covers. */
  public int items() {
    return items;
  }

  public int lists() {
    return lists;
  }

  public IndexQuality quality() {
    return quality;
  }

  /**
   * The best {@code n} items by {@code query . y} among the lists the build chose to probe,
   * skipping items set in {@code blocked} (may be null); best first, ties broken as exact
   * scoring does only when both reach the result. Fewer than n when the probed lists hold fewer
   * unblocked items: a caller needing n then scores exactly.
   */
  public List<ScoredItem> topByScore(float[] query, int offset, int n, BitSet blocked) {
    return search(query, offset, n, blocked, quality.scoreProbes(), false);
  }

  /** As {@link #topByScore} by cosine, for a unit {@code query}. */
  public List<ScoredItem> topByCosine(float[] query, int offset, int n, BitSet blocked) {
    return search(query, offset, n, blocked, quality.cosineProbes(), true);
  }

  /** Searches the {@code probes} best lists; with probes = {@link #lists()} the answer is exact. */
  List<ScoredItem> search(float[] query, int offset, int n, BitSet blocked, int probes, boolean cosine) {
    Scratch buffers = scratch.get();
    Kernels kernels = Kernels.INSTANCE;
    (cosine ? directionCentroids : scoreCentroids).scoreAll(query, offset, buffers.centroidScores);
    TopK chosen = new TopK(Math.min(Math.max(probes, 1), lists));
    for (int list = 0; list < lists; list++) {
      chosen.offer(list, buffers.centroidScores[list]);
    }
    int probed = chosen.drainIndicesBestFirst(buffers.probeOrder);
    TopK top = new TopK(Math.max(0, Math.min(n, items)));
    float[] tile = buffers.tile;
    for (int p = 0; p < probed; p++) {
      int list = buffers.probeOrder[p];
      int fromBlock = listBlocks[list];
      int toBlock = listBlocks[list + 1];
      if (fromBlock == toBlock) {
        continue;
      }
      kernels.scorePanels(query, offset, panels, factors, fromBlock, toBlock, tile, 0);
      int count = (toBlock - fromBlock) * Kernels.PANEL_WIDTH;
      int firstSlot = fromBlock * Kernels.PANEL_WIDTH;
      if (cosine) {
        for (int i = 0; i < count; i++) {
          tile[i] *= slotInverseNorms[firstSlot + i];
        }
      }
      for (int i = kernels.firstAbove(tile, 0, count, top.threshold()); i < count;
          i = kernels.firstAbove(tile, i + 1, count, top.threshold())) {
        int item = slotItems[firstSlot + i];
        if (item >= 0 && (blocked == null || !blocked.get(item))) {
          top.offer(item, tile[i]);
        }
      }
    }
    return top.drainBestFirst();
  }

  /** Bytes the index holds beyond the model: list copies of the factors, slot maps, centroids. */
  public long memoryBytes() {
    return 4L * panels.length + 4L * slotItems.length + 4L * slotInverseNorms.length + 4L * listBlocks.length
        + 4L * (scoreCentroids.array().length + directionCentroids.array().length);
  }

  int[] listBlocks() {
    return listBlocks;
  }

  float[] panels() {
    return panels;
  }

  int[] slotItems() {
    return slotItems;
  }

  float[] slotInverseNorms() {
    return slotInverseNorms;
  }

  /** The list centroids' first k coordinates, row-major (lists x k). */
  float[] centroidRows() {
    int width = Kernels.PANEL_WIDTH;
    float[] rows = new float[lists * factors];
    float[] source = scoreCentroids.array();
    for (int list = 0; list < lists; list++) {
      int base = (list / width) * factors * width + list % width;
      for (int a = 0; a < factors; a++) {
        rows[list * factors + a] = source[base + a * width];
      }
    }
    return rows;
  }

  private record Scratch(float[] centroidScores, int[] probeOrder, float[] tile) {}
}
