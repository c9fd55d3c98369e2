package dev.encore.bench;

import java.nio.file.Path;

/**
 * The settings of one benchmark run, shared by every system in it so they solve the same problem.
 *
 * @param dataset which standard dataset
 * @param factors latent factors k
 * @param iterations full ALS iterations
 * @param regularization lambda (unscaled for encore, ALS-WR-scaled for encore-wr and Spark)
 * @param alpha confidence scale
 * @param cgSteps Encore's conjugate-gradient steps
 * @param threads worker threads per system
 * @param heap each child's -Xmx
 * @param latencySamples timed single queries per latency figure
 * @param recommendAllUsers users in the recommend-all run, 0 for all
 * @param evaluationUsers users whose held-out entries are scored, 0 for all
 */
public record RunSettings(StandardDataset dataset, int factors, int iterations, float regularization, float alpha,
    int cgSteps, int threads, String heap, int latencySamples, int recommendAllUsers, int evaluationUsers) {

  /** The request a child gets for {@code system}. */
  public ChildRequest request(BenchedSystem system, Path data, Path workFolder) {
    return new ChildRequest(system, data, workFolder, factors, iterations, regularization, alpha, cgSteps, threads,
        ChildRequest.TEST_FRACTION, ChildRequest.SPLIT_SEED, latencySamples, recommendAllUsers,
        evaluationUsers);
  }

  /** The floating-point and memory work one iteration of {@code system} needs on {@code shape}. */
  public IterationCost cost(BenchedSystem system, ProblemShape shape) {
    return system.isEncore()
        ? IterationCost.conjugateGradient(shape, factors, cgSteps)
        : IterationCost.cholesky(shape, factors);
  }
}
