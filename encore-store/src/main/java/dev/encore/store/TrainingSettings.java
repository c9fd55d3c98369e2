package dev.encore.store;

import dev.encore.als.AlsConfig;
import dev.encore.tune.AutoSettings;
import java.util.Objects;

/**
 * What one {@link StoredModelTrainer} run does: the ALS settings (the starting point when
 * {@code auto} chooses them), how plays are aggregated, and the held-out evaluation (a random
 * {@code testFraction} of the listener-track pairs, split with {@code splitSeed}, ranking metrics
 * at cut-off {@code k}; a fraction of 0 skips evaluation).
 */
public record TrainingSettings(AlsConfig als, PlayAggregation aggregation, double testFraction, long splitSeed,
    int k, AutoTuning auto) {
  public static final double DEFAULT_TEST_FRACTION = 0.2;
  public static final long DEFAULT_SPLIT_SEED = 1;
  public static final int DEFAULT_K = 10;

  public TrainingSettings {
    Objects.requireNonNull(als, "als");
    Objects.requireNonNull(aggregation, "aggregation");
    Objects.requireNonNull(auto, "auto");
    if (!(testFraction >= 0 && testFraction < 1)) {
      throw new IllegalArgumentException("test fraction " + testFraction + " must be in [0, 1)");
    }
    if (k < 1) {
      throw new IllegalArgumentException("k " + k + " must be >= 1");
    }
  }

  /** The settings given, without choosing any. */
  public TrainingSettings(AlsConfig als, PlayAggregation aggregation, double testFraction, long splitSeed, int k) {
    this(als, aggregation, testFraction, splitSeed, k, AutoTuning.OFF);
  }

  /** Exactly {@code als} (no automatic choice) on summed play counts, evaluated on 20% held out at k = 10. */
  public static TrainingSettings of(AlsConfig als) {
    return new TrainingSettings(als, PlayAggregation.sum(), DEFAULT_TEST_FRACTION, DEFAULT_SPLIT_SEED, DEFAULT_K);
  }

  /**
   * What a run does when nothing is given: the settings chosen automatically within
   * {@link AutoSettings#DEFAULT_BUDGET}, from the default ALS settings, on summed play counts.
   */
  public static TrainingSettings defaults() {
    return of(AlsConfig.defaults()).withAuto(AutoTuning.within(AutoSettings.DEFAULT_BUDGET));
  }

  public TrainingSettings withAggregation(PlayAggregation newAggregation) {
    return new TrainingSettings(als, newAggregation, testFraction, splitSeed, k, auto);
  }

  public TrainingSettings withEvaluation(double newTestFraction, long newSplitSeed, int newK) {
    return new TrainingSettings(als, aggregation, newTestFraction, newSplitSeed, newK, auto);
  }

  public TrainingSettings withAuto(AutoTuning newAuto) {
    return new TrainingSettings(als, aggregation, testFraction, splitSeed, k, newAuto);
  }

  public boolean evaluates() {
    return testFraction > 0;
  }
}
