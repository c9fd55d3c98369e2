package dev.encore.bench;

import dev.encore.als.Solver;
import java.nio.file.Path;

/**
 * What the driver asks one child JVM to run, written as JSON to a file the child reads.
 *
 * @param system which training run
 * @param data the dataset TSV ({@code user item value} with a header)
 * @param workFolder scratch space: model files, Spark's checkpoints and its copy of the split
 * @param factors latent factors k (Spark's rank)
 * @param iterations full iterations (Spark's maxIter)
 * @param regularization lambda (Spark's regParam); ALS-WR-scaled for encore-wr and Spark
 * @param alpha confidence scale: c = 1 + alpha * r for Encore and Spark alike
 * @param solver the row solver: conjugate gradient or Cholesky (Spark MLlib ignores it: always Cholesky)
 * @param cgSteps Encore's conjugate-gradient steps per row and half-step
 * @param threads worker threads (Spark: local[threads])
 * @param testFraction share of entries held out for precision@10
 * @param splitSeed seed of the held-out split
 * @param latencySamples timed single queries for each latency percentile
 * @param recommendAllUsers users in the recommend-all throughput run; 0 for every user
 * @param evaluationUsers score precision@10 on the held-out entries of the first n users; 0 for all
 */
public record ChildRequest(
    BenchedSystem system,
    Path data,
    Path workFolder,
    int factors,
    int iterations,
    float regularization,
    float alpha,
    Solver solver,
    int cgSteps,
    int threads,
    double testFraction,
    long splitSeed,
    int latencySamples,
    int recommendAllUsers,
    int evaluationUsers) {

  public static final double TEST_FRACTION = 0.2;
  public static final long SPLIT_SEED = 1L;

  public ChildRequest {
    if (solver == null) {
      throw new IllegalArgumentException("solver must be given: cg or cholesky");
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations = " + iterations + " must be >= 1");
    }
    if (latencySamples < 1) {
      throw new IllegalArgumentException("latency samples = " + latencySamples + " must be >= 1");
    }
    if (recommendAllUsers < 0 || evaluationUsers < 0) {
      throw new IllegalArgumentException("recommend-all users = " + recommendAllUsers + " and evaluation users = "
          + evaluationUsers + " must be >= 0");
    }
  }
}
