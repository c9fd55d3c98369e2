package dev.encore.bench;

import dev.encore.als.Solver;
import java.nio.file.Path;

/**
 * The settings of one benchmark run, shared by every system in it so they solve the same problem.
 *
 * @param dataset which standard dataset
 * @param factors latent factors k
 * @param iterations full ALS iterations
 * @param regularization lambda (unscaled for encore, ALS-WR-scaled for encore-wr and Spark)
 * @param alpha confidence scale
 * @param solver Encore's and implicit's row solver (Spark MLlib's is always Cholesky)
 * @param cgSteps conjugate-gradient steps, when the solver is CG
 * @param threads worker threads per system
 * @param heap each child's -Xmx
 * @param latencySamples timed single queries per latency figure
 * @param recommendAllUsers users in the recommend-all run, 0 for all
 * @param evaluationUsers users whose held-out entries are scored, 0 for all
 */
public record RunSettings(StandardDataset dataset, int factors, int iterations, float regularization, float alpha,
    Solver solver, int cgSteps, int threads, String heap, int latencySamples, int recommendAllUsers, int evaluationUsers) {

  /** The request a child gets for {@code system}. */
  public ChildRequest request(BenchedSystem system, Path data, Path workFolder) {
    return new ChildRequest(system, data, workFolder, factors, iterations, regularization, alpha, solver, cgSteps,
        threads, ChildRequest.TEST_FRACTION, ChildRequest.SPLIT_SEED, latencySamples, recommendAllUsers,
        evaluationUsers);
  }

  /** The row solver {@code system} uses: the run's, except Spark MLlib's, which has only Cholesky. */
  public Solver solver(BenchedSystem system) {
    return system == BenchedSystem.SPARK ? Solver.CHOLESKY : solver;
  }

  /** The floating-point and memory work one iteration of {@code system} needs on {@code shape}. */
  public IterationCost cost(BenchedSystem system, ProblemShape shape) {
    return solver(system) == Solver.CG
        ? IterationCost.conjugateGradient(shape, factors, cgSteps)
        : IterationCost.cholesky(shape, factors);
  }

  /** How the report names {@code system}'s solver. */
  public String solverDescription(BenchedSystem system) {
    String solved = solver(system) == Solver.CG ? "conjugate gradient, " + cgSteps + " steps"
        : "exact normal equations (Cholesky)";
    return solved + (system.needsSpark() && system.isEncore() ? ", on Spark local[" + threads + "]" : "");
  }
}
