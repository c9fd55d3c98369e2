package dev.encore.tune;

import dev.encore.als.AlsConfig;
import dev.encore.data.Confidence;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The ALS settings a search may vary, each a list of candidate values; a setting with one value
 * is held fixed. The grid is the Cartesian product, visited in a fixed order.
 */
public record ParameterSpace(List<Integer> factors, List<Float> regularization, List<Float> alpha,
    List<Confidence.Function> confidence, List<Integer> iterations) {

  public ParameterSpace {
    factors = nonEmpty(factors, "factors");
    regularization = nonEmpty(regularization, "regularization");
    alpha = nonEmpty(alpha, "alpha");
    confidence = nonEmpty(confidence, "confidence");
    iterations = nonEmpty(iterations, "iterations");
  }

  private static <T> List<T> nonEmpty(List<T> values, String name) {
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException("search space for " + name + " needs at least one value");
    }
    return List.copyOf(values);
  }

  /** How many settings the full grid holds. */
  public long gridSize() {
    return (long) factors.size() * regularization.size() * alpha.size() * confidence.size() * iterations.size();
  }

  /** Every combination applied to {@code base}, in a fixed order. */
  public List<AlsConfig> grid(AlsConfig base) {
    List<AlsConfig> configs = new ArrayList<>();
    for (int f : factors) {
      for (float lambda : regularization) {
        for (float a : alpha) {
          for (Confidence.Function function : confidence) {
            for (int it : iterations) {
              configs.add(apply(base, f, lambda, a, function, it));
            }
          }
        }
      }
    }
    return configs;
  }

  /** {@code trials} combinations drawn at random (with a seed) from the grid, without repeats while they last. */
  public List<AlsConfig> sample(AlsConfig base, int trials, long seed) {
    if (trials < 1) {
      throw new IllegalArgumentException("trials " + trials + " must be >= 1");
    }
    List<AlsConfig> grid = grid(base);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = grid.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      AlsConfig swap = grid.get(i);
      grid.set(i, grid.get(j));
      grid.set(j, swap);
    }
    return grid.subList(0, Math.min(trials, grid.size()));
  }

  private static AlsConfig apply(AlsConfig base, int factors, float lambda, float alpha,
      Confidence.Function function, int iterations) {
    Confidence old = base.confidence();
    return base.withFactors(factors).withRegularization(lambda).withIterations(iterations)
        .withConfidence(new Confidence(function, alpha, old.epsilon(), old.cap()));
  }
}
