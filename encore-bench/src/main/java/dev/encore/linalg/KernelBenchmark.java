package dev.encore.linalg;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * dot, axpy, the Gram matrix-vector product, one CG pass over a row's gathered factors (fused, and
 * as the dot-then-axpy pair per entry it replaced) and panel scoring, scalar against vector, at k = 64.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class KernelBenchmark {
  @Param({"scalar", "vector"})
  public String kernels;

  @Param({"64"})
  public int factors;

  /** Entries of the row in the CG pass benchmarks: a typical listener's. */
  private static final int ROW_ENTRIES = 64;

  private Kernels implementation;
  private float[] a;
  private float[] fourVectors;
  private float[] fourOut;
  private static final float[] SHIFT = {0.1f, 0.1f, 0.1f, 0.1f};
  private float[] b;
  private float[] matrix;
  private float[] out;
  private float[] panels;
  private float[] scores;
  private int blocks;
  private float[] rows;
  private float[] offsets;
  private float[] slopes;
  private float[] fourQueries;
  private float[][] fourTiles;
  private float[][] centroidScores;
  private long argMaxCalls;

  @Setup
  public void setUp() {
    implementation = kernels.equals("vector") ? new VectorKernels() : Kernels.scalar();
    Random random = new Random(1);
    a = randoms(random, factors);
    b = randoms(random, factors);
    matrix = randoms(random, factors * factors);
    out = new float[factors];
    fourVectors = randoms(random, 4 * factors);
    fourOut = new float[4 * factors];
    int items = 50_000;
    panels = FactorPanels.of(randoms(random, items * factors), items, factors, false).array();
    blocks = FactorPanels.blocksFor(items);
    scores = new float[blocks * Kernels.PANEL_WIDTH];
    rows = randoms(random, ROW_ENTRIES * factors);
    offsets = randoms(random, ROW_ENTRIES);
    slopes = randoms(random, ROW_ENTRIES);
    fourQueries = randoms(random, 4 * factors);
    fourTiles = new float[4][TILE_BLOCKS * Kernels.PANEL_WIDTH];
    centroidScores = new float[64][];
    for (int row = 0; row < centroidScores.length; row++) {
      centroidScores[row] = randoms(random, 176);
    }
  }

  private static float[] randoms(Random random, int length) {
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = random.nextFloat() - 0.5f;
    }
    return values;
  }

  /**
   * The nearest of 176 centroids from their scores, as an index build's assignment picks a list
   * (the lowest norm band's children at 10^7 tracks).
   */
  @Benchmark
  public int argMaxOf176Scores() {
    // A different row each call, none written: a store just before the call would stall the
    // vector loads of its line on store forwarding, which the assignment never does.
    float[] scores = centroidScores[(int) (++argMaxCalls & (centroidScores.length - 1))];
    return implementation.argMax(scores, scores.length);
  }

  @Benchmark
  public float dot() {
    return implementation.dot(a, 0, b, 0, factors);
  }

  @Benchmark
  public float[] axpy() {
    implementation.axpy(1e-3f, a, 0, b, 0, factors);
    return b;
  }

  /** Four CG rows' Gram products in one call: the matrix read once for all four. */
  @Benchmark
  public float[] gramTimesFourVectors() {
    implementation.symmetricMultiplyRows(matrix, fourVectors, 0, 4, SHIFT, fourOut, factors);
    return fourOut;
  }

  @Benchmark
  public float[] gramTimesVector() {
    implementation.symmetricMultiplyRows(matrix, a, 0, 1, SHIFT, out, factors);
    return out;
  }

  /** One CG pass over a 64-entry row: out += sum_j (o_j + s_j (y_j . v)) y_j. */
  @Benchmark
  public float[] cgPassFused() {
    implementation.addWeightedRows(rows, ROW_ENTRIES, factors, offsets, slopes, a, 0, out);
    return out;
  }

  /** The same pass as one dot and one axpy call per entry, as the CG solver did before. */
  @Benchmark
  public float[] cgPassDotThenAxpy() {
    for (int j = 0; j < ROW_ENTRIES; j++) {
      float along = implementation.dot(rows, j * factors, a, 0, factors);
      implementation.axpy(offsets[j] + slopes[j] * along, rows, j * factors, out, 0, factors);
    }
    return out;
  }

  /** One user against 50,000 items: the arithmetic of a single recommendation. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public float[] scoreFiftyThousandItems() {
    implementation.scorePanels(a, 0, panels, factors, 0, blocks, scores, 0);
    return scores;
  }

  /** The recommend-all tile: 64 panel blocks (1,024 items) that stay in L2 while a block of users is scored. */
  private static final int TILE_BLOCKS = 64;

  /** Four users against one tile, two at a time: recommend-all's inner step before the four-query kernel. */
  @Benchmark
  public float[][] scoreTileFourUsersInPairs() {
    implementation.scorePanelsPair(fourQueries, 0, factors, panels, factors, 0, TILE_BLOCKS, fourTiles[0], fourTiles[1]);
    implementation.scorePanelsPair(fourQueries, 2 * factors, 3 * factors, panels, factors, 0, TILE_BLOCKS,
        fourTiles[2], fourTiles[3]);
    return fourTiles;
  }

  /** The same four users against the same tile in one pass. */
  @Benchmark
  public float[][] scoreTileFourUsersAtOnce() {
    implementation.scorePanelsQuad(fourQueries, 0, panels, factors, 0, TILE_BLOCKS, fourTiles);
    return fourTiles;
  }
}
