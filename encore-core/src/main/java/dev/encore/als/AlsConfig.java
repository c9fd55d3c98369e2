package dev.encore.als;

import dev.encore.concurrent.Workers;
import dev.encore.data.Confidence;
import java.io.Serializable;

/**
 * Every setting of an ALS training run. Defaults match the README's table; {@code with*} methods
 * return changed copies. Invalid values fail here, naming the setting and the rule.
 *
 * @param factors number of latent factors k
 * @param regularization lambda in the loss
 * @param scaleRegularization multiply lambda by the row's number of entries (ALS-WR, as Spark)
 * @param confidence c = 1 + alpha * f(r)
 * @param iterations full sweeps (an item half-step then a user half-step)
 * @param solver exact Cholesky or conjugate gradient
 * @param cgSteps conjugate-gradient steps per row and half-step
 * @param seed seed of the random initial factors
 * @param threads worker threads
 * @param computeLoss evaluate the training loss after each iteration (costs about one half-step)
 */
public record AlsConfig(
    int factors,
    float regularization,
    boolean scaleRegularization,
    Confidence confidence,
    int iterations,
    Solver solver,
    int cgSteps,
    long seed,
    int threads,
    boolean computeLoss) implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final int DEFAULT_FACTORS = 64;
  public static final float DEFAULT_REGULARIZATION = 0.05f;
  public static final float DEFAULT_ALPHA = 1f;
  public static final int DEFAULT_ITERATIONS = 15;
  public static final int DEFAULT_CG_STEPS = 3;
  public static final long DEFAULT_SEED = 42L;

  public AlsConfig {
    require(factors >= 1 && factors <= 4096, "factors", factors, "must be in 1..4096");
    require(Float.isFinite(regularization) && regularization >= 0, "regularization", regularization,
        "must be finite and >= 0");
    require(confidence != null, "confidence", null, "must be given");
    require(iterations >= 0, "iterations", iterations, "must be >= 0");
    require(solver != null, "solver", null, "must be given");
    require(cgSteps >= 1, "cgSteps", cgSteps, "must be >= 1");
    require(threads >= 1, "threads", threads, "must be >= 1");
  }

  private static void require(boolean ok, String setting, Object value, String rule) {
    if (!ok) {
      throw new IllegalArgumentException("setting " + setting + " = " + value + " " + rule);
    }
  }

  public static AlsConfig defaults() {
    return new AlsConfig(DEFAULT_FACTORS, DEFAULT_REGULARIZATION, false, Confidence.linear(DEFAULT_ALPHA),
        DEFAULT_ITERATIONS, Solver.CG, DEFAULT_CG_STEPS, DEFAULT_SEED, Workers.defaultThreads(), false);
  }

  public AlsConfig withFactors(int value) {
    return new AlsConfig(value, regularization, scaleRegularization, confidence, iterations, solver, cgSteps,
        seed, threads, computeLoss);
  }

  public AlsConfig withRegularization(float value) {
    return new AlsConfig(factors, value, scaleRegularization, confidence, iterations, solver, cgSteps, seed,
        threads, computeLoss);
  }

  public AlsConfig withScaleRegularization(boolean value) {
    return new AlsConfig(factors, regularization, value, confidence, iterations, solver, cgSteps, seed,
        threads, computeLoss);
  }

  public AlsConfig withConfidence(Confidence value) {
    return new AlsConfig(factors, regularization, scaleRegularization, value, iterations, solver, cgSteps,
        seed, threads, computeLoss);
  }

  public AlsConfig withIterations(int value) {
    return new AlsConfig(factors, regularization, scaleRegularization, confidence, value, solver, cgSteps,
        seed, threads, computeLoss);
  }

  public AlsConfig withSolver(Solver value) {
    return new AlsConfig(factors, regularization, scaleRegularization, confidence, iterations, value, cgSteps,
        seed, threads, computeLoss);
  }

  public AlsConfig withCgSteps(int value) {
    return new AlsConfig(factors, regularization, scaleRegularization, confidence, iterations, solver, value,
        seed, threads, computeLoss);
  }

  public AlsConfig withSeed(long value) {
    return new AlsConfig(factors, regularization, scaleRegularization, confidence, iterations, solver, cgSteps,
        value, threads, computeLoss);
  }

  public AlsConfig withThreads(int value) {
    return new AlsConfig(factors, regularization, scaleRegularization, confidence, iterations, solver, cgSteps,
        seed, value, computeLoss);
  }

  public AlsConfig withComputeLoss(boolean value) {
    return new AlsConfig(factors, regularization, scaleRegularization, confidence, iterations, solver, cgSteps,
        seed, threads, value);
  }

  /** Lambda for a row with {@code entries} observed entries. */
  public float regularizationFor(int entries) {
    return scaleRegularization ? regularization * Math.max(entries, 1) : regularization;
  }
}
