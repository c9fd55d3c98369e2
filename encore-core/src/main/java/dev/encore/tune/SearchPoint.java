package dev.encore.tune;

import dev.encore.als.AlsConfig;
import dev.encore.data.Confidence;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One point of {@link AutoSettings}'s search. Lambda is held as its value for a listener with the
 * mean number of plays ({@code effectiveLambda}), so that moving alpha0 or nu does not also
 * change how strongly a typical row is regularised by orders of magnitude: the configured lambda
 * is {@code effectiveLambda / (meanUserEntries + alpha0 * items)^nu}.
 */
record SearchPoint(Confidence.Function function, float alpha, float epsilon, double effectiveLambda,
    float unobservedWeight, float regularizationExponent, int factors) {
  static final int MIN_FACTORS = 16;
  static final int MAX_FACTORS = 256;
  static final float MIN_UNOBSERVED_WEIGHT = 0.001f;
  static final float MAX_REGULARIZATION_EXPONENT = 1.5f;

  /** The settings that can move, and how far one coarse or fine step takes each. */
  enum Dimension {
    LAMBDA("lambda", 3, Math.sqrt(3)),
    ALPHA("alpha", 3, Math.sqrt(3)),
    ALPHA0("alpha0", 3, Math.sqrt(3)),
    NU("nu", 0.5, 0.25),
    EPSILON("epsilon", 10, Math.sqrt(10)),
    FACTORS("factors", 2, 2);

    final String label;
    final double coarse;
    final double fine;

    Dimension(String label, double coarse, double fine) {
      this.label = label;
      this.coarse = coarse;
      this.fine = fine;
    }
  }

  /**
   * The neighbour one step up ({@code direction} 1) or down (-1) along {@code dimension}, or null
   * where that leaves the range searched. Multiplicative steps for scales, additive for nu.
   */
  SearchPoint move(Dimension dimension, int direction, boolean fine) {
    double step = fine ? dimension.fine : dimension.coarse;
    double factor = direction > 0 ? step : 1 / step;
    return switch (dimension) {
      case LAMBDA -> withEffectiveLambda(effectiveLambda * factor);
      case ALPHA -> function == Confidence.Function.LINEAR || alpha * factor <= 1000
          ? new SearchPoint(function, (float) (alpha * factor), epsilon, effectiveLambda, unobservedWeight,
              regularizationExponent, factors)
          : null;
      case ALPHA0 -> {
        float value = (float) Math.min(1, unobservedWeight * factor);
        yield value == unobservedWeight || value < MIN_UNOBSERVED_WEIGHT ? null
            : new SearchPoint(function, alpha, epsilon, effectiveLambda, value, regularizationExponent, factors);
      }
      case NU -> {
        float value = (float) (regularizationExponent + direction * step);
        yield value < -1e-6 || value > MAX_REGULARIZATION_EXPONENT + 1e-6 ? null
            : new SearchPoint(function, alpha, epsilon, effectiveLambda, unobservedWeight, Math.max(0, value), factors);
      }
      case EPSILON -> function != Confidence.Function.LOG ? null
          : new SearchPoint(function, alpha, (float) (epsilon * factor), effectiveLambda, unobservedWeight,
              regularizationExponent, factors);
      case FACTORS -> {
        int value = (int) Math.round(direction > 0 ? factors * step : factors / step);
        yield value < MIN_FACTORS || value > MAX_FACTORS || value == factors ? null
            : new SearchPoint(function, alpha, epsilon, effectiveLambda, unobservedWeight, regularizationExponent,
                value);
      }
    };
  }

  SearchPoint withObjective(float alpha0, float nu) {
    return new SearchPoint(function, alpha, epsilon, effectiveLambda, alpha0, nu, factors);
  }

  SearchPoint withEffectiveLambda(double value) {
    return new SearchPoint(function, alpha, epsilon, value, unobservedWeight, regularizationExponent, factors);
  }

  /** {@code base} with this point's settings. */
  AlsConfig apply(AlsConfig base, PlayStatistics data) {
    double typicalRow = data.meanUserEntries() + (double) unobservedWeight * data.items();
    double lambda = regularizationExponent == 0 ? effectiveLambda
        : effectiveLambda / Math.pow(Math.max(typicalRow, 1), regularizationExponent);
    Confidence old = base.confidence();
    return base.withScaleRegularization(false)
        .withFactors(factors)
        .withConfidence(new Confidence(function, alpha, epsilon, old.cap()))
        .withUnobservedWeight(unobservedWeight)
        .withRegularizationExponent(regularizationExponent)
        .withRegularization((float) lambda);
  }

  /** The searched settings by name, for reports. */
  Map<String, Object> describe(AlsConfig applied) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("confidence", function.toString());
    settings.put("alpha", alpha);
    if (function == Confidence.Function.LOG) {
      settings.put("epsilon", epsilon);
    }
    settings.put("regularization", applied.regularization());
    settings.put("alpha0", unobservedWeight);
    settings.put("nu", regularizationExponent);
    settings.put("factors", factors);
    return settings;
  }

  /** A one-line summary, such as {@code log alpha=1 eps=1 lambda=28.5 alpha0=1 nu=0 k=64}. */
  String summary(AlsConfig applied) {
    return String.format(Locale.ROOT, "%s alpha=%.3g%s lambda=%.3g alpha0=%.3g nu=%.2g k=%d", function, alpha,
        function == Confidence.Function.LOG ? String.format(Locale.ROOT, " eps=%.3g", epsilon) : "",
        applied.regularization(), unobservedWeight, regularizationExponent, factors);
  }
}
