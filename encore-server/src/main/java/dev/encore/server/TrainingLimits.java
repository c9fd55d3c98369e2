package dev.encore.server;

import dev.encore.als.AlsConfig;
import java.time.Duration;
import java.util.Locale;

/**
 * The largest training a request may ask for, so that one request cannot occupy the trainer for
 * ever ({@code "iterations": 2000000000}) or train a model that is useless by construction
 * ({@code "alpha": 3.0e38}); and how long any run may take before it is stopped. Checked on
 * {@code POST /v1/models/train} after the request's fields are applied to the server's settings.
 *
 * @param maxFactors the most factors
 * @param maxIterations the most iterations
 * @param maxCgSteps the most conjugate-gradient steps per row
 * @param maxAlpha the largest confidence scale alpha
 * @param maxRegularization the largest lambda
 * @param maxTrainingTime the longest one run may take, searching included; it is then stopped and
 *     its version recorded failed
 */
public record TrainingLimits(int maxFactors, int maxIterations, int maxCgSteps, double maxAlpha,
    double maxRegularization, Duration maxTrainingTime) {
  public static final Duration DEFAULT_MAX_TRAINING_TIME = Duration.ofHours(2);

  public TrainingLimits {
    require(maxFactors >= 1, "maxFactors", maxFactors);
    require(maxIterations >= 1, "maxIterations", maxIterations);
    require(maxCgSteps >= 1, "maxCgSteps", maxCgSteps);
    require(maxAlpha > 0 && Double.isFinite(maxAlpha), "maxAlpha", maxAlpha);
    require(maxRegularization > 0 && Double.isFinite(maxRegularization), "maxRegularization", maxRegularization);
    require(maxTrainingTime != null && !maxTrainingTime.isNegative() && !maxTrainingTime.isZero(), "maxTrainingTime",
        maxTrainingTime);
  }

  /** 1,024 factors, 1,000 iterations, 64 CG steps, alpha and lambda up to 10^6, two hours. */
  public static TrainingLimits defaults() {
    return new TrainingLimits(1024, 1000, 64, 1e6, 1e6, DEFAULT_MAX_TRAINING_TIME);
  }

  private static void require(boolean holds, String name, Object value) {
    if (!holds) {
      throw new IllegalArgumentException("training limit " + name + " = " + value + " must be positive and finite");
    }
  }

  /** A 400 naming the first setting of {@code plan} past its limit. */
  void check(TrainingPlan plan) {
    AlsConfig als = plan.als();
    within("factors", als.factors(), maxFactors, "--max-factors");
    within("iterations", als.iterations(), maxIterations, "--max-iterations");
    within("cgSteps", als.cgSteps(), maxCgSteps, "--max-cg-steps");
    within("alpha", als.confidence().alpha(), maxAlpha, "--max-alpha");
    within("regularization", als.regularization(), maxRegularization, "--max-regularization");
  }

  private static void within(String field, double value, double limit, String option) {
    if (value > limit) {
      throw ApiException.badRequest("invalid_field", String.format(Locale.ROOT,
          "Field '%s' = %s is more than the server's limit of %s (%s).", field, number(value), number(limit), option));
    }
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }
}
