package dev.encore.model;

import dev.encore.linalg.Kernels;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The top 10 of 50,000 scores: heap on every candidate against the vector threshold scan. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class TopKBenchmark {
  private float[] scores;
  private TopK top;

  @Setup
  public void setUp() {
    Random random = new Random(4);
    scores = new float[50_000];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = (float) random.nextGaussian();
    }
    top = new TopK(10);
  }

  @Benchmark
  public int heapOnEveryScore() {
    top.clear();
    for (int i = 0; i < scores.length; i++) {
      top.offer(i, scores[i]);
    }
    return top.size();
  }

  @Benchmark
  public int scalarThresholdScan() {
    top.clear();
    top.offerAbove(scores, 0, scores.length, 0, Kernels.scalar());
    return top.size();
  }

  @Benchmark
  public int vectorThresholdScan() {
    top.clear();
    top.offerAbove(scores, 0, scores.length, 0, Kernels.INSTANCE);
    return top.size();
  }
}
