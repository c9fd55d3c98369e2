package dev.encore.als;

import dev.encore.data.Confidence;
import dev.encore.linalg.Gram;
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
 * One row's solve at {@code factors} factors: three conjugate-gradient steps against the exact Cholesky solve,
 * for a listener with {@code entries} plays among 50,000 items. Run with
 * {@code -jvmArgsAppend -Dencore.simd=false} for the scalar kernels.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class RowSolveBenchmark {
  private static final int ITEMS = 50_000;

  @Param({"10", "50", "500"})
  public int entries;

  /** Latent factors: 64 is the benchmarks' default; 128 is where the k x k matrix outgrows L1. */
  @Param({"64"})
  public int factors;

  private float[] itemFactors;
  private double[] gram;
  private float[] gramFloat;
  private int[] columns;
  private float[] values;
  private EntryConfidences confidences;
  private float[] target;
  private float[] start;
  private ConjugateGradientSolver cg;
  private NormalEquations exact;
  private double[] factorised;
  private static final int[] FOUR_FROM = new int[4];
  private static final float[] FOUR_LAMBDAS = {0.05f, 0.05f, 0.05f, 0.05f};
  private int[] fourTo;
  private float[] fourTargets;

  @Setup
  public void setUp() {
    int k = factors;
    factorised = new double[k * k];
    Random random = new Random(3);
    itemFactors = new float[ITEMS * k];
    for (int i = 0; i < itemFactors.length; i++) {
      itemFactors[i] = (random.nextFloat() - 0.5f) * 0.2f;
    }
    gram = Gram.compute(itemFactors, ITEMS, k, 1);
    gramFloat = Gram.toFloat(gram);
    columns = random.ints(0, ITEMS).distinct().limit(entries).sorted().toArray();
    values = new float[entries];
    for (int p = 0; p < entries; p++) {
      values[p] = 1 + random.nextInt(50);
    }
    confidences = EntryConfidences.of(Confidence.log(1f, 1f), values);
    start = new float[k];
    for (int a = 0; a < k; a++) {
      start[a] = random.nextFloat() * 0.01f;
    }
    target = start.clone();
    cg = new ConjugateGradientSolver(k, 3, ITEMS);
    fourTo = new int[] {entries, entries, entries, entries};
    fourTargets = new float[4 * k];
    exact = new NormalEquations(k);
  }

  /** Four rows of {@code entries} plays solved together, as training solves them; per call, not per row. */
  @Benchmark
  public float[] conjugateGradientFourRows() {
    for (int g = 0; g < 4; g++) {
      System.arraycopy(start, 0, fourTargets, g * factors, factors);
    }
    cg.solveRows(gramFloat, itemFactors, columns, values, confidences, FOUR_FROM, fourTo, FOUR_LAMBDAS, 4,
        fourTargets, 0);
    return fourTargets;
  }

  @Benchmark
  public float[] conjugateGradientThreeSteps() {
    System.arraycopy(start, 0, target, 0, factors);
    cg.solveRow(gramFloat, itemFactors, columns, values, confidences, 0, entries, 0.05f, target, 0);
    return target;
  }

  @Benchmark
  public NormalEquations choleskyBuildOnly() {
    exact.build(gram, itemFactors, columns, values, confidences, 0, entries, 0.05f);
    return exact;
  }

  @Benchmark
  public double[] choleskyFactoriseOnly() {
    System.arraycopy(gram, 0, factorised, 0, gram.length);
    for (int a = 0; a < factors; a++) {
      factorised[a * factors + a] += 0.05;
    }
    dev.encore.linalg.Cholesky.decompose(factorised, factors);
    return factorised;
  }

  @Benchmark
  public float[] choleskyExact() {
    exact.build(gram, itemFactors, columns, values, confidences, 0, entries, 0.05f);
    exact.solveRow(target, 0);
    return target;
  }
}
