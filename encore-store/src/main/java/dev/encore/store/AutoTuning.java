package dev.encore.store;

import dev.encore.tune.AutoSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Whether a training chooses its ALS settings itself ({@link AutoSettings}, on a validation split
 * cut from the evaluation's training part, so the test part stays unseen) and within what budget.
 *
 * @param budget the time the search may take
 * @param maxCandidates above 0, the search also stops after that many fits (a choice that does not
 *     depend on the machine's speed); 0 means no limit
 */
public record AutoTuning(boolean enabled, Duration budget, int maxCandidates) {
  /** Train with the settings given. */
  public static final AutoTuning OFF = new AutoTuning(false, AutoSettings.DEFAULT_BUDGET, 0);

  public AutoTuning {
    Objects.requireNonNull(budget, "budget");
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("auto budget " + budget + " must be positive");
    }
    if (maxCandidates < 0) {
      throw new IllegalArgumentException("auto maxCandidates " + maxCandidates + " must be >= 0");
    }
  }

  /** Choose the settings within {@code budget}. */
  public static AutoTuning within(Duration budget) {
    return new AutoTuning(true, budget, 0);
  }

  public AutoTuning withMaxCandidates(int value) {
    return new AutoTuning(enabled, budget, value);
  }
}
