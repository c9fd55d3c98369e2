package dev.encore.index;

import dev.encore.concurrent.Workers;
import dev.encore.linalg.FactorPanels;
import dev.encore.linalg.Kernels;
import dev.encore.model.BatchTopK;
import dev.encore.model.ScoredItem;
import dev.encore.model.TopK;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * The lists that answer "largest inner product": the items are cut into bands of close norm
 * (norm-ranging, Yan et al. 2018) and each band clustered after Bachrach et al. (2014)'s transform
 * with the band's own largest norm M, under which the largest inner product is the nearest
 * direction. A list is probed in the order of {@code q . (M c)} for its centroid c's first k
 * coordinates, the estimate of {@code q . y} that the transform gives. The lists hold a
 * copy of the raw factors in panel layout, list after list, padded to whole 16-row blocks: a list
 * is scanned by the exact scoring kernel, so its scores are the exact scores.
 */
final class ScoreLists {
  private final int factors;
  private final int[] listBlocks;
  private final float[] panels;
  private final int[] slotItems;
  private final float[] centroidRows;
  private final FactorPanels centroids;

  /** @param centroids each list's probe vector: {@code q . centroid} estimates its best inner product */
  ScoreLists(int factors, int[] listBlocks, float[] panels, int[] slotItems, float[] centroids) {
    this.factors = factors;
    this.listBlocks = listBlocks;
    this.panels = panels;
    this.slotItems = slotItems;
    this.centroidRows = centroids;
    this.centroids = FactorPanels.of(centroids, listBlocks.length - 1, factors, false);
  }

  /** Lays out {@code itemFactors} by {@code listOf} (each item's list), on {@code threads} threads. */
  static ScoreLists of(float[] itemFactors, int items, int k, int lists, int[] listOf, float[] centroids,
      int threads) {
    int width = Kernels.PANEL_WIDTH;
    int[] sizes = new int[lists];
    for (int list : listOf) {
      sizes[list]++;
    }
    int[] listBlocks = new int[lists + 1];
    for (int list = 0; list < lists; list++) {
      listBlocks[list + 1] = listBlocks[list] + (sizes[list] + width - 1) / width;
    }
    int slots = listBlocks[lists] * width;
    float[] panels = new float[Math.multiplyExact(slots, k)];
    int[] slotItems = new int[slots];
    java.util.Arrays.fill(slotItems, -1);
    int[] next = new int[lists];
    for (int list = 0; list < lists; list++) {
      next[list] = listBlocks[list] * width;
    }
    for (int i = 0; i < items; i++) {
      slotItems[next[listOf[i]]++] = i;
    }
    fillPanels(itemFactors, k, slotItems, panels, threads);
    return new ScoreLists(k, listBlocks, panels, slotItems, centroids);
  }

  /** Blocks of panels each thread fills at a time. */
  private static final int FILL_CHUNK_BLOCKS = 256;

  /**
   * Writes each slot's item factors into its block, block after block on every thread. A block's
   * 16 rows are first copied whole into a small buffer: the 16 row reads are independent, so
   * their cache misses overlap, where transposing each row straight from the factors left one
   * miss in flight behind 64 scattered stores (10.7 s for 10^7 items; the rows of a list lie
   * anywhere in the factor matrix). Filled slot after slot, the panels are written in order: in
   * item order every item's 64 strided writes landed in another list's block (25 s).
   */
  private static void fillPanels(float[] itemFactors, int k, int[] slotItems, float[] panels, int threads) {
    int width = Kernels.PANEL_WIDTH;
    int blocks = slotItems.length / width;
    int chunks = (blocks + FILL_CHUNK_BLOCKS - 1) / FILL_CHUNK_BLOCKS;
    Workers.run(threads, chunks, chunk -> {
      float[] rows = new float[width * k];
      int end = Math.min(blocks, (chunk + 1) * FILL_CHUNK_BLOCKS);
      for (int block = chunk * FILL_CHUNK_BLOCKS; block < end; block++) {
        int first = block * width;
        for (int lane = 0; lane < width; lane++) {
          int item = slotItems[first + lane];
          if (item >= 0) {
            System.arraycopy(itemFactors, item * k, rows, lane * k, k);
          }
        }
        int base = block * k * width;
        for (int lane = 0; lane < width; lane++) {
          if (slotItems[first + lane] >= 0) {
            for (int a = 0; a < k; a++) {
              panels[base + a * width + lane] = rows[lane * k + a];
            }
          }
        }
      }
    });
  }

  int lists() {
    return listBlocks.length - 1;
  }

  int largestListSlots() {
    int largest = 0;
    for (int list = 0; list < lists(); list++) {
      largest = Math.max(largest, listBlocks[list + 1] - listBlocks[list]);
    }
    return largest * Kernels.PANEL_WIDTH;
  }

  int centroidSlots() {
    return centroids.blocks() * Kernels.PANEL_WIDTH;
  }

  /** Each list's estimate of the best inner product it holds for {@code query}, into {@code out}. */
  void probeScores(float[] query, int offset, float[] out) {
    centroids.scoreAll(query, offset, out);
  }

  /** Offers every unblocked item of {@code list} to {@code top} by its exact score. */
  void scan(int list, float[] query, int offset, IntPredicate blocked, TopK top, float[] tile) {
    int fromBlock = listBlocks[list];
    int toBlock = listBlocks[list + 1];
    if (fromBlock == toBlock) {
      return;
    }
    Kernels kernels = Kernels.INSTANCE;
    kernels.scorePanels(query, offset, panels, factors, fromBlock, toBlock, tile, 0);
    int count = (toBlock - fromBlock) * Kernels.PANEL_WIDTH;
    int firstSlot = fromBlock * Kernels.PANEL_WIDTH;
    for (int i = kernels.firstAbove(tile, 0, count, top.threshold()); i < count;
        i = kernels.firstAbove(tile, i + 1, count, top.threshold())) {
      int item = slotItems[firstSlot + i];
      if (item >= 0 && (blocked == null || !blocked.test(item))) {
        top.offer(item, tile[i]);
      }
    }
  }

  /**
   * Each query's exact top {@code n} over every list at once, as a blocked multiply over the
   * contiguous copy (the calibration's reference, many queries at a time), leaving out query q's
   * items {@code leftOut[q]} when leftOut is given (its own track, or a listener's played ones);
   * by cosine when {@code itemInverseNorms} is given. Returns item indices with their scores.
   */
  List<List<ScoredItem>> exactBatch(float[] queries, int count, int n, int[][] leftOut, float[] itemInverseNorms,
      int threads) {
    FactorPanels all = FactorPanels.wrap(panels, slotItems.length, factors);
    float[] slotScale = null;
    if (itemInverseNorms != null) {
      slotScale = new float[slotItems.length];
      for (int slot = 0; slot < slotItems.length; slot++) {
        slotScale[slot] = slotItems[slot] >= 0 ? itemInverseNorms[slotItems[slot]] : 0f;
      }
    }
    int[][] leftOutSlots = leftOut == null ? null : slotsOf(leftOut);
    int[] padding = paddingSlots();
    float[] scale = slotScale;
    // Only the few cells that change are touched per tile: padding slots and the query's left-out tracks.
    List<List<ScoredItem>> bySlot = BatchTopK.runScored(queries, count, all, n, (query, first, tileCount, tile) -> {
      if (scale != null) {
        Kernels.INSTANCE.multiplyInto(tile, 0, scale, first, tileCount);
      }
      int from = java.util.Arrays.binarySearch(padding, first);
      for (int p = from >= 0 ? from : -from - 1; p < padding.length && padding[p] < first + tileCount; p++) {
        tile[padding[p] - first] = Float.NEGATIVE_INFINITY;
      }
      if (leftOutSlots != null) {
        int[] slots = leftOutSlots[query];
        int at = java.util.Arrays.binarySearch(slots, first);
        for (at = at >= 0 ? at : -at - 1; at < slots.length && slots[at] < first + tileCount; at++) {
          tile[slots[at] - first] = Float.NEGATIVE_INFINITY;
        }
      }
    }, threads);
    List<List<ScoredItem>> byItem = new ArrayList<>(count);
    for (List<ScoredItem> slots : bySlot) {
      List<ScoredItem> items = new ArrayList<>(slots.size());
      for (ScoredItem slot : slots) {
        items.add(new ScoredItem(slotItems[slot.index()], slot.score()));
      }
      byItem.add(items);
    }
    return byItem;
  }

  /**
   * Each query's exact top {@code n} by inner product, skipping the items {@code blocked.apply(q)}
   * rejects, as {@link #exactBatch} finds them, but from far fewer scores: the lists are scanned
   * from the largest norm down ({@code listNorms}, each list's largest item norm), and a query stops
   * once |q| times the next list's norm cannot reach its n-th best score (with 1e-4 of headroom for
   * the float rounding of both). Recommendations come from the largest norms, so at 10^7 items a
   * query scans a few percent of them.
   */
  List<List<ScoredItem>> exactByNorm(float[] queries, int count, int n, IntFunction<IntPredicate> blocked,
      float[] listNorms, int threads) {
    int[] byNorm = dev.encore.linalg.Vectors.descendingOrder(listNorms, lists());
    List<List<ScoredItem>> answers = new ArrayList<>(java.util.Collections.nCopies(count, null));
    int largest = largestListSlots();
    Workers.run(threads, count, q -> {
      float[] tile = new float[largest];
      TopK top = new TopK(n);
      float queryNorm = dev.encore.linalg.Vectors.norm(queries, q * factors, factors);
      IntPredicate skip = blocked.apply(q);
      for (int list : byNorm) {
        if (n > 0 && top.size() == n && queryNorm * listNorms[list] * (1 + 1e-4f) < top.threshold()) {
          break;
        }
        scan(list, queries, q * factors, skip, top, tile);
      }
      answers.set(q, top.drainBestFirst());
    });
    return answers;
  }

  /** Each query's items as the slots that hold them, ascending. */
  private int[][] slotsOf(int[][] items) {
    int itemCount = 0;
    for (int item : slotItems) {
      itemCount = Math.max(itemCount, item + 1);
    }
    int[] slotOfItem = new int[itemCount];
    for (int slot = 0; slot < slotItems.length; slot++) {
      if (slotItems[slot] >= 0) {
        slotOfItem[slotItems[slot]] = slot;
      }
    }
    int[][] slots = new int[items.length][];
    for (int q = 0; q < items.length; q++) {
      slots[q] = new int[items[q].length];
      for (int j = 0; j < items[q].length; j++) {
        slots[q][j] = slotOfItem[items[q][j]];
      }
      java.util.Arrays.sort(slots[q]);
    }
    return slots;
  }

  private int[] paddingSlots() {
    int count = 0;
    for (int item : slotItems) {
      if (item < 0) {
        count++;
      }
    }
    int[] padding = new int[count];
    int filled = 0;
    for (int slot = 0; slot < slotItems.length; slot++) {
      if (slotItems[slot] < 0) {
        padding[filled++] = slot;
      }
    }
    return padding;
  }

  long memoryBytes() {
    return 4L * panels.length + 4L * slotItems.length + 4L * listBlocks.length + 4L * centroids.array().length;
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

  float[] centroidRows() {
    return centroidRows;
  }
}
