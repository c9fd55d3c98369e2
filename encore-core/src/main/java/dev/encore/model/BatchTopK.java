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
  /** 64 panel blocks = 1,024 candidates; at 64 factors a 256 KB tile. */
  private static final int TILE_BLOCKS = 64;

  /** Marks candidates a query may not return by setting their tile scores to negative infinity. */
  public interface Exclusions {
    /** Called per query and tile; {@code tile[i]} scores candidate {@code first + i}, for i < count. */
    void exclude(int query, int first, int count, float[] tile);
  }

  private BatchTopK() {}

  /**
   * For each query q (row q of the row-major {@code queries}, k floats), the indices of its best
   * {@code n} candidates, best first.
   */
  static int[][] run(float[] queries, int queryCount, FactorPanels candidates, int n, Exclusions exclusions,
      int threads) {
    int[][] result = new int[queryCount][];
    int capacity = Math.min(n, candidates.rows());
    ThreadLocal<int[]> buffers = ThreadLocal.withInitial(() -> new int[capacity]);
    run(queries, queryCount, candidates, n, exclusions, threads, (query, top) -> {
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
    run(queries, queryCount, candidates, n, exclusions, threads, (query, top) -> result.set(query, top.drainBestFirst()));
    return result;
  }

  /** Receives each query's filled selection once every candidate has been offered. */
  private interface Drain {
    void accept(int query, TopK top);
  }

  private static void run(float[] queries, int queryCount, FactorPanels candidates, int n, Exclusions exclusions,
      int threads, Drain drain) {
    int k = candidates.factors();
    int candidateCount = candidates.rows();
    int blocks = candidates.blocks();
    int queryBlocks = (queryCount + QUERY_BLOCK - 1) / QUERY_BLOCK;
    Kernels kernels = Kernels.INSTANCE;
    int capacity = Math.min(n, candidateCount);
    Workers.run(threads, queryBlocks, queryBlock -> {
      int firstQuery = queryBlock * QUERY_BLOCK;
      int queriesHere = Math.min(QUERY_BLOCK, queryCount - firstQuery);
      float[][] tiles = new float[4][TILE_BLOCKS * Kernels.PANEL_WIDTH];
      float[] tile = tiles[0];
      float[] secondTile = tiles[1];
      TopK[] tops = new TopK[queriesHere];
      for (int q = 0; q < queriesHere; q++) {
        tops[q] = new TopK(capacity);
      }
      for (int tileStart = 0; tileStart < blocks; tileStart += TILE_BLOCKS) {
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
      for (int q = 0; q < queriesHere; q++) {
        drain.accept(firstQuery + q, tops[q]);
      }
    });
  }
}
