package dev.encore.model;

import dev.encore.concurrent.Workers;
import dev.encore.linalg.FactorPanels;
import dev.encore.linalg.Kernels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The top n rows of a panel matrix for many query vectors at once: a blocked matrix multiply
 * fused with top-k selection. Queries are taken in blocks and candidates in tiles small enough to
 * stay in the core's L2 cache while every query of the block is scored against them, so each
 * candidate factor is read from memory once per query block rather than once per query. Only
 * one tile of scores per query is ever held, never a full score matrix.
 */
public final class BatchTopK {
  private static final int QUERY_BLOCK = 64;
  /**
   * Up to this many queries are one block, so that the candidates are read once: the index
   * build's 150 exact cosine queries over 10^7 tracks read the 2.6 GB of panels once instead of
   * three times. Their rows (64 KB at k = 64) and a tile still fit in L2 together.
   */
  private static final int WHOLE_BLOCK = 256;
  /** 64 panel blocks = 1,024 candidates; at 64 factors a 256 KB tile. */
  private static final int TILE_BLOCKS = 64;
  /** Tasks a thread gets at least when the queries are few, so that no core waits on another. */
  private static final int TASKS_PER_THREAD = 8;

  /** Marks candidates a query may not return by setting their tile scores to negative infinity. */
  public interface Exclusions {
    /**
     * Called per query and tile; {@code tile[i]} scores candidate {@code first + i}, for i < count.
     * One query's tiles may be handed over from several threads at once, in any order (see
     * {@link #runInCandidateOrder} otherwise).
     */
    void exclude(int query, int first, int count, float[] tile);
  }

  private BatchTopK() {}

  /**
   * For each query q (row q of the row-major {@code queries}, k floats), the indices of its best
   * {@code n} candidates, best first.
   */
  static int[][] run(float[] queries, int queryCount, FactorPanels candidates, int n, Exclusions exclusions,
      int threads) {
    return run(queries, queryCount, candidates, n, exclusions, threads, false);
  }

  /**
   * As {@link #run(float[], int, FactorPanels, int, Exclusions, int)}, with each query's tiles
   * handed to {@code exclusions} in increasing candidate order on one thread: for exclusions that
   * keep state per query, as an evaluator counting ranks does.
   */
  static int[][] runInCandidateOrder(float[] queries, int queryCount, FactorPanels candidates, int n,
      Exclusions exclusions, int threads) {
    return run(queries, queryCount, candidates, n, exclusions, threads, true);
  }

  private static int[][] run(float[] queries, int queryCount, FactorPanels candidates, int n, Exclusions exclusions,
      int threads, boolean inCandidateOrder) {
    int[][] result = new int[queryCount][];
    int capacity = Math.min(n, candidates.rows());
    ThreadLocal<int[]> buffers = ThreadLocal.withInitial(() -> new int[capacity]);
    run(queries, queryCount, candidates, n, exclusions, threads, inCandidateOrder, (query, top) -> {
      int[] buffer = buffers.get();
      int found = top.drainIndicesBestFirst(buffer);
      result[query] = java.util.Arrays.copyOf(buffer, found);
    });
    return result;
  }

  /** As {@link #run}, keeping each result's scores: element q holds query q's best, best first. */
  public static List<List<ScoredItem>> runScored(float[] queries, int queryCount, FactorPanels candidates, int n,
      Exclusions exclusions, int threads) {
    List<List<ScoredItem>> result = new ArrayList<>(Collections.nCopies(queryCount, List.of()));
    run(queries, queryCount, candidates, n, exclusions, threads, false,
        (query, top) -> result.set(query, top.drainBestFirst()));
    return result;
  }

  /**
   * Headroom on the Cauchy-Schwarz bound for the rounding of the float dot products: their
   * relative error stays below k * 2^-24 (4e-6 at k = 64), far inside it.
   */
  private static final float BOUND_SLACK = 1e-4f;

  /**
   * The exact top {@code n} item numbers of each query (row q of the row-major {@code queries}),
   * best first, scanning {@code candidates} in norm order and stopping each query once |q| times
   * the largest norm left cannot reach its n-th best score ({@link NormOrderedItems}). The same
   * answer as {@link #run} over the items in their own order, ties to the lower item number
   * included; {@code exclusions} see tiles of norm-order positions.
   */
  static NormScan runByNorm(float[] queries, int queryCount, NormOrderedItems candidates, int n,
      Exclusions exclusions, int threads) {
    int[][] result = new int[queryCount][];
    int capacity = Math.min(n, candidates.panels().rows());
    int queryBlocks = (queryCount + QUERY_BLOCK - 1) / QUERY_BLOCK;
    java.util.concurrent.atomic.LongAdder computed = new java.util.concurrent.atomic.LongAdder();
    Workers.run(threads, queryBlocks, queryBlock -> {
      TopK[] tops = selections(queryBlock, QUERY_BLOCK, queryCount, capacity);
      computed.add(scoreTilesByNorm(queries, queryBlock * QUERY_BLOCK, tops, candidates, exclusions));
      int[] buffer = new int[capacity];
      for (int q = 0; q < tops.length; q++) {
        int found = tops[q].drainIndicesBestFirst(buffer);
        result[queryBlock * QUERY_BLOCK + q] = java.util.Arrays.copyOf(buffer, found);
      }
    });
    return new NormScan(result, computed.sum(), (long) queryCount * candidates.panels().rows());
  }

  /**
   * Tiles in norm order for the block's queries still open: before each tile, a query whose
   * n-th best beats |q| times the tile's largest norm is done, and the open ones are packed
   * together so the kernels score four at a time as before.
   */
  private static long scoreTilesByNorm(float[] queries, int firstQuery, TopK[] tops, NormOrderedItems items,
      Exclusions exclusions) {
    FactorPanels candidates = items.panels();
    int k = candidates.factors();
    int candidateCount = candidates.rows();
    int blocks = candidates.blocks();
    int tiles = (blocks + TILE_BLOCKS - 1) / TILE_BLOCKS;
    Kernels kernels = Kernels.INSTANCE;
    int here = tops.length;
    float[] queryNorms = new float[here];
    int[] open = new int[here];
    for (int q = 0; q < here; q++) {
      queryNorms[q] = dev.encore.linalg.Vectors.norm(queries, (firstQuery + q) * k, k);
      open[q] = q;
    }
    int openCount = here;
    float[] packed = new float[here * k];
    boolean repack = true;
    float[][] scores = new float[4][TILE_BLOCKS * Kernels.PANEL_WIDTH];
    long computed = 0;
    for (int tileIndex = 0; tileIndex < tiles; tileIndex++) {
      int tileStart = tileIndex * TILE_BLOCKS;
      int tileEnd = Math.min(blocks, tileStart + TILE_BLOCKS);
      int first = tileStart * Kernels.PANEL_WIDTH;
      int count = Math.min(candidateCount, tileEnd * Kernels.PANEL_WIDTH) - first;
      float largest = items.normAt(first) * (1 + BOUND_SLACK);
      int kept = 0;
      for (int o = 0; o < openCount; o++) {
        int q = open[o];
        if (queryNorms[q] * largest >= tops[q].threshold()) {
          open[kept++] = q;
        }
      }
      if (kept != openCount) {
        openCount = kept;
        repack = true;
      }
      if (openCount == 0) {
        return computed;
      }
      computed += (long) openCount * count;
      if (repack) {
        for (int o = 0; o < openCount; o++) {
          System.arraycopy(queries, (firstQuery + open[o]) * k, packed, o * k, k);
        }
        repack = false;
      }
      int o = 0;
      for (; o + 3 < openCount; o += 4) {
        kernels.scorePanelsQuad(packed, o * k, candidates.array(), k, tileStart, tileEnd, scores);
        for (int j = 0; j < 4; j++) {
          offerByItem(firstQuery + open[o + j], tops[open[o + j]], scores[j], first, count, items, exclusions, kernels);
        }
      }
      for (; o < openCount; o++) {
        kernels.scorePanels(packed, o * k, candidates.array(), k, tileStart, tileEnd, scores[0], 0);
        offerByItem(firstQuery + open[o], tops[open[o]], scores[0], first, count, items, exclusions, kernels);
      }
    }
    return computed;
  }

  /**
   * Offers a tile of norm-order positions as item numbers. Scores equal to the threshold are
   * offered too: in norm order a lower item number can come after an equal score, and the
   * selection keeps the lower number, as in item order.
   */
  private static void offerByItem(int query, TopK top, float[] tile, int first, int count, NormOrderedItems items,
      Exclusions exclusions, Kernels kernels) {
    exclusions.exclude(query, first, count, tile);
    int i = kernels.firstAbove(tile, 0, count, Math.nextDown(top.threshold()));
    while (i < count) {
      top.offer(items.itemAt(first + i), tile[i]);
      i = kernels.firstAbove(tile, i + 1, count, Math.nextDown(top.threshold()));
    }
  }

  /** Receives each query's filled selection once every candidate has been offered. */
  private interface Drain {
    void accept(int query, TopK top);
  }

  private static void run(float[] queries, int queryCount, FactorPanels candidates, int n, Exclusions exclusions,
      int threads, boolean inCandidateOrder, Drain drain) {
    int blocks = candidates.blocks();
    // In candidate order a block is one task, so the blocks stay small enough to share out.
    int blockSize = queryCount <= WHOLE_BLOCK && !inCandidateOrder ? Math.max(1, queryCount) : QUERY_BLOCK;
    int queryBlocks = (queryCount + blockSize - 1) / blockSize;
    int tiles = (blocks + TILE_BLOCKS - 1) / TILE_BLOCKS;
    int capacity = Math.min(n, candidates.rows());
    // Few query blocks over many candidates (the index calibration's 150 queries over 10^7
    // tracks: three blocks on two threads, one thread scoring the third alone; 2.9 s, now 1.7 s)
    // would leave a core idle: the candidates are then cut into ranges too, each (query block,
    // range) a task with its own selections, merged per query. Ties still go to the lower index,
    // so the answer is the same.
    int ranges = inCandidateOrder || threads == 1 ? 1
        : (int) Math.max(1, Math.min(tiles, ((long) TASKS_PER_THREAD * threads + queryBlocks - 1) / queryBlocks));
    if (ranges == 1) {
      Workers.run(threads, queryBlocks, queryBlock -> {
        TopK[] tops = selections(queryBlock, blockSize, queryCount, capacity);
        scoreTiles(queries, queryBlock * blockSize, tops, candidates, 0, tiles, exclusions);
        for (int q = 0; q < tops.length; q++) {
          drain.accept(queryBlock * blockSize + q, tops[q]);
        }
      });
      return;
    }
    TopK[][] partial = new TopK[queryBlocks * ranges][];
    Workers.run(threads, queryBlocks * ranges, task -> {
      int queryBlock = task / ranges;
      int range = task % ranges;
      partial[task] = selections(queryBlock, blockSize, queryCount, capacity);
      scoreTiles(queries, queryBlock * blockSize, partial[task], candidates, (int) ((long) tiles * range / ranges),
          (int) ((long) tiles * (range + 1) / ranges), exclusions);
    });
    for (int queryBlock = 0; queryBlock < queryBlocks; queryBlock++) {
      TopK[] merged = partial[queryBlock * ranges];
      for (int range = 1; range < ranges; range++) {
        TopK[] more = partial[queryBlock * ranges + range];
        for (int q = 0; q < merged.length; q++) {
          merged[q].offerAll(more[q]);
        }
      }
      for (int q = 0; q < merged.length; q++) {
        drain.accept(queryBlock * blockSize + q, merged[q]);
      }
    }
  }

  private static TopK[] selections(int queryBlock, int blockSize, int queryCount, int capacity) {
    TopK[] tops = new TopK[Math.min(blockSize, queryCount - queryBlock * blockSize)];
    for (int q = 0; q < tops.length; q++) {
      tops[q] = new TopK(capacity);
    }
    return tops;
  }

  /** Offers tiles {@code [fromTile, toTile)} of the candidates to the queries from {@code firstQuery} on. */
  private static void scoreTiles(float[] queries, int firstQuery, TopK[] tops, FactorPanels candidates, int fromTile,
      int toTile, Exclusions exclusions) {
    int k = candidates.factors();
    int candidateCount = candidates.rows();
    int blocks = candidates.blocks();
    int queriesHere = tops.length;
    Kernels kernels = Kernels.INSTANCE;
    float[][] tiles = new float[4][TILE_BLOCKS * Kernels.PANEL_WIDTH];
    float[] tile = tiles[0];
    float[] secondTile = tiles[1];
    for (int tileIndex = fromTile; tileIndex < toTile; tileIndex++) {
      int tileStart = tileIndex * TILE_BLOCKS;
      int tileEnd = Math.min(blocks, tileStart + TILE_BLOCKS);
      int first = tileStart * Kernels.PANEL_WIDTH;
      int count = Math.min(candidateCount, tileEnd * Kernels.PANEL_WIDTH) - first;
      int q = 0;
      for (; q + 3 < queriesHere; q += 4) {
        int query = firstQuery + q;
        kernels.scorePanelsQuad(queries, query * k, candidates.array(), k, tileStart, tileEnd, tiles);
        for (int j = 0; j < 4; j++) {
          exclusions.exclude(query + j, first, count, tiles[j]);
          tops[q + j].offerAbove(tiles[j], 0, count, first, kernels);
        }
      }
      for (; q + 1 < queriesHere; q += 2) {
        int query = firstQuery + q;
        kernels.scorePanelsPair(queries, query * k, (query + 1) * k, candidates.array(), k, tileStart, tileEnd,
            tile, secondTile);
        exclusions.exclude(query, first, count, tile);
        tops[q].offerAbove(tile, 0, count, first, kernels);
        exclusions.exclude(query + 1, first, count, secondTile);
        tops[q + 1].offerAbove(secondTile, 0, count, first, kernels);
      }
      if (q < queriesHere) {
        int query = firstQuery + q;
        kernels.scorePanels(queries, query * k, candidates.array(), k, tileStart, tileEnd, tile, 0);
        exclusions.exclude(query, first, count, tile);
        tops[q].offerAbove(tile, 0, count, first, kernels);
      }
    }
  }
}
