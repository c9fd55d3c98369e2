package dev.encore.server;

import dev.encore.als.AlsConfig;
import dev.encore.data.Confidence;
import dev.encore.store.AutoTuning;
import dev.encore.store.PlayAggregation;
import dev.encore.store.TrainingSettings;
import dev.encore.tune.AutoSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How the server trains: the ALS settings (where the automatic choice starts from, when
 * {@code auto} is on), the plays' aggregation half-life and the settings search. It becomes one
 * run's {@link TrainingSettings} when the run starts, since a half-life measures the plays' ages
 * at that moment.
 *
 * @param halfLife each play weighs {@code 0.5^(age / halfLife)}; null sums the play counts
 */
public record TrainingPlan(AlsConfig als, Duration halfLife, AutoTuning auto) {
  public TrainingPlan {
    Objects.requireNonNull(als, "als");
    Objects.requireNonNull(auto, "auto");
    if (halfLife != null && (halfLife.isNegative() || halfLife.isZero())) {
      throw new IllegalArgumentException("half-life " + halfLife + " must be positive");
    }
  }

  /** The cap of the capped confidence when none is given, as {@code encore train --cap}'s default. */
  static final float DEFAULT_CAP = 100f;

  /**
   * The server's default: settings chosen automatically within {@link AutoSettings#DEFAULT_BUDGET},
   * from the default ALS settings, with the loss for the dashboard.
   */
  public static TrainingPlan defaults() {
    AlsConfig als = AlsConfig.defaults();
    Confidence confidence = als.confidence();
    return new TrainingPlan(als.withComputeLoss(true).withConfidence(new Confidence(confidence.function(),
        confidence.alpha(), confidence.epsilon(), DEFAULT_CAP)), null, AutoTuning.within(AutoSettings.DEFAULT_BUDGET));
  }

  /** Exactly {@code als} on summed play counts: giving settings means "use mine". */
  public static TrainingPlan exactly(AlsConfig als) {
    return new TrainingPlan(als, null, AutoTuning.OFF);
  }

  public TrainingPlan withAls(AlsConfig value) {
    return new TrainingPlan(value, halfLife, auto);
  }

  public TrainingPlan withHalfLife(Duration value) {
    return new TrainingPlan(als, value, auto);
  }

  public TrainingPlan withAuto(AutoTuning value) {
    return new TrainingPlan(als, halfLife, value);
  }

  /** The settings of a run whose plays are read at {@code now}. */
  public TrainingSettings settingsAt(Instant now) {
    PlayAggregation aggregation = halfLife == null ? PlayAggregation.sum() : PlayAggregation.halfLife(halfLife, now);
    return TrainingSettings.of(als).withAggregation(aggregation).withAuto(auto);
  }
}
