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
 * @param unobservedWeight alpha0 of Rendle, Krichene, Zhang and Koren (2021), "Revisiting the
 *     Performance of iALS on Item Recommendation Benchmarks": the weight of the all-zero term
 *     {@code alpha0 * sum_ui s_ui^2}, which scales the Gram part of every row's system; 1 is Hu,
 *     Koren and Volinsky's objective, where an unobserved entry weighs 1
 * @param regularizationExponent nu of the same paper: a row's lambda is
 *     {@code lambda * (n + alpha0 * N)^nu}, n its entries and N the other side's rows; 0 is plain lambda
 * @param initSigma the initial factors: 0 draws them uniform in [0, 0.01); above 0, normal with
 *     standard deviation {@code initSigma / sqrt(factors)}, the paper's initialisation
 * @param blockSize the subspace solver's block: how many factors each of its small exact solves
 *     updates together (Rendle et al. 2021, "iALS++", who found 32 to 128 best); other solvers ignore it
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
    boolean computeLoss,
    float unobservedWeight,
    float regularizationExponent,
    float initSigma,
    int blockSize) implements Serializable {
  private static final long serialVersionUID = 3L;

  public static final int DEFAULT_FACTORS = 64;
  public static final float DEFAULT_REGULARIZATION = 0.05f;
  public static final float DEFAULT_ALPHA = 1f;
  public static final int DEFAULT_ITERATIONS = 15;
  public static final int DEFAULT_CG_STEPS = 3;
  public static final long DEFAULT_SEED = 42L;
  public static final float DEFAULT_UNOBSERVED_WEIGHT = 1f;
  public static final float DEFAULT_REGULARIZATION_EXPONENT = 0f;
  public static final float DEFAULT_INIT_SIGMA = 0f;
  /**
   * The subspace solver's block: at k = 512 on Last.fm 2k, b = 16 runs an iteration in 0.30 s
   * against 0.40 s for 32 and 1.10 s for 64, and every one of them reaches CG-3's precision in 4
   * iterations (BENCHMARKS.md, "Large factor counts"). It was 64, the paper's range being 32 to
   * 128, before the eight rows' block systems were solved together.
   */
  public static final int DEFAULT_BLOCK_SIZE = 16;

  public AlsConfig {
    require(factors >= 1 && factors <= 4096, "factors", factors, "must be in 1..4096");
    require(Float.isFinite(regularization) && regularization >= 0, "regularization", regularization,
        "must be finite and >= 0");
    require(confidence != null, "confidence", null, "must be given");
    require(iterations >= 0, "iterations", iterations, "must be >= 0");
    require(solver != null, "solver", null, "must be given");
    require(cgSteps >= 1, "cgSteps", cgSteps, "must be >= 1");
    require(threads >= 1, "threads", threads, "must be >= 1");
    require(Float.isFinite(unobservedWeight) && unobservedWeight >= 0, "unobservedWeight", unobservedWeight,
        "must be finite and >= 0");
    require(Float.isFinite(regularizationExponent) && regularizationExponent >= 0 && regularizationExponent <= 2,
        "regularizationExponent", regularizationExponent, "must be in [0, 2]");
    require(!(scaleRegularization && regularizationExponent != 0), "regularizationExponent", regularizationExponent,
        "must be 0 with scaleRegularization (ALS-WR): both scale lambda per row, use one");
    require(Float.isFinite(initSigma) && initSigma >= 0 && initSigma <= 100, "initSigma", initSigma,
        "must be in [0, 100]");
    require(blockSize >= 1 && blockSize <= 4096, "blockSize", blockSize, "must be in 1..4096");
  }

  /** Hu, Koren and Volinsky's objective (alpha0 = 1, nu = 0) and the uniform initialisation. */
  public AlsConfig(int factors, float regularization, boolean scaleRegularization, Confidence confidence,
      int iterations, Solver solver, int cgSteps, long seed, int threads, boolean computeLoss) {
    this(factors, regularization, scaleRegularization, confidence, iterations, solver, cgSteps, seed, threads,
        computeLoss, DEFAULT_UNOBSERVED_WEIGHT, DEFAULT_REGULARIZATION_EXPONENT, DEFAULT_INIT_SIGMA, DEFAULT_BLOCK_SIZE);
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
        seed, threads, computeLoss, unobservedWeight, regularizationExponent, initSigma, blockSize);
  }

  public AlsConfig withRegularization(float value) {
    return new AlsConfig(factors, value, scaleRegularization, confidence, iterations, solver, cgSteps, seed,
        threads, computeLoss, unobservedWeight, regularizationExponent, initSigma, blockSize);
  }

  public AlsConfig withScaleRegularization(boolean value) {
    return new AlsConfig(factors, regularization, value, confidence, iterations, solver, cgSteps, seed,
        threads, computeLoss, unobservedWeight, regularizationExponent, initSigma, blockSize);
  }

  public AlsConfig withConfidence(Confidence value) {
    return new AlsConfig(factors, regularization, scaleRegularization, value, iterations, solver, cgSteps,
        seed, threads, computeLoss, unobservedWeight, regularizationExponent, initSigma, blockSize);
  }

  public AlsConfig withIterations(int value) {
    return new AlsConfig(factors, regularization, scaleRegularization, confidence, value, solver, cgSteps,
        seed, threads, computeLoss, unobservedWeight, regularizationExponent, initSigma, blockSize);
  }

  public AlsConfig withSolver(Solver value) {
    return new AlsConfig(factors, regularization, scaleRegularization, confidence, iterations, value,
        cgSteps, seed, threads, computeLoss, unobservedWeight, regularizationExponent, initSigma, blockSize);
  }

  public AlsConfig withCgSteps(int value) {
    return new AlsConfig(factors, regularization, scaleRegularization, confidence, iterations, solver, value,
        seed, threads, computeLoss, unobservedWeight, regularizationExponent, initSigma, blockSize);
  }

  public AlsConfig withSeed(long value) {
    return new AlsConfig(factors, regularization, scaleRegularization, confidence, iterations, solver,
        cgSteps, value, threads, computeLoss, unobservedWeight, regularizationExponent, initSigma, blockSize);
  }

  public AlsConfig withThreads(int value) {
    return new AlsConfig(factors, regularization, scaleRegularization, confidence, iterations, solver,
        cgSteps, seed, value, computeLoss, unobservedWeight, regularizationExponent, initSigma, blockSize);
  }

  public AlsConfig withComputeLoss(boolean value) {
    return new AlsConfig(factors, regularization, scaleRegularization, confidence, iterations, solver,
        cgSteps, seed, threads, value, unobservedWeight, regularizationExponent, initSigma, blockSize);
  }

  public AlsConfig withUnobservedWeight(float value) {
    return new AlsConfig(factors, regularization, scaleRegularization, confidence, iterations, solver,
        cgSteps, seed, threads, computeLoss, value, regularizationExponent, initSigma, blockSize);
  }

  public AlsConfig withRegularizationExponent(float value) {
    return new AlsConfig(factors, regularization, scaleRegularization, confidence, iterations, solver,
        cgSteps, seed, threads, computeLoss, unobservedWeight, value, initSigma, blockSize);
  }

  public AlsConfig withInitSigma(float value) {
    return new AlsConfig(factors, regularization, scaleRegularization, confidence, iterations, solver,
        cgSteps, seed, threads, computeLoss, unobservedWeight, regularizationExponent, value, blockSize);
  }

  public AlsConfig withBlockSize(int value) {
    return new AlsConfig(factors, regularization, scaleRegularization, confidence, iterations, solver,
        cgSteps, seed, threads, computeLoss, unobservedWeight, regularizationExponent, initSigma, value);
  }

  /** The subspace solver's block for these factors: {@link #blockSize}, at most k. */
  public int effectiveBlockSize() {
    return Math.min(blockSize, factors);
  }

  /**
   * Lambda for a row with {@code entries} observed entries when the other side has
   * {@code otherSideRows} rows: plain, scaled by the entries (ALS-WR), or frequency-scaled
   * {@code lambda * (entries + alpha0 * otherSideRows)^nu}.
   */
  public float regularizationFor(int entries, long otherSideRows) {
    if (scaleRegularization) {
      return regularization * Math.max(entries, 1);
    }
    if (regularizationExponent == 0) {
      return regularization;
    }
    double frequency = entries + (double) unobservedWeight * otherSideRows;
    return (float) (regularization * Math.pow(Math.max(frequency, 1), regularizationExponent));
  }

  /**
   * The Gram part of every row's system, {@code alpha0 * Y'Y}: {@code gram} itself when alpha0 is 1
   * (so Hu, Koren and Volinsky's objective runs the very same arithmetic as before alpha0 existed).
   */
  public double[] weightedGram(double[] gram) {
    if (unobservedWeight == 1f) {
      return gram;
    }
    double[] weighted = new double[gram.length];
    for (int i = 0; i < gram.length; i++) {
      weighted[i] = unobservedWeight * gram[i];
    }
    return weighted;
  }
}
