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

/** Y'Y for 50,000 items x 64 factors, once per half-step of every ALS iteration. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Benchmark)
public class GramBenchmark {
  @Param({"1", "2"})
  public int threads;

  private float[] factors;

  @Setup
  public void setUp() {
    Random random = new Random(2);
    factors = new float[50_000 * 64];
    for (int i = 0; i < factors.length; i++) {
      factors[i] = random.nextFloat() - 0.5f;
    }
  }

  @Benchmark
  public double[] gram() {
    return Gram.compute(factors, 50_000, 64, threads);
  }
}
