package dev.encore.bench;

import dev.encore.als.IterationStats;
import dev.encore.als.TrainingListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects the wall time of every training iteration, as the trainer reports it. */
public final class IterationTimes implements TrainingListener {
  private final List<Double> seconds = new ArrayList<>();

  @Override
  public void iterationFinished(IterationStats stats) {
    seconds.add(stats.seconds());
  }

  public List<Double> seconds() {
    return Collections.unmodifiableList(seconds);
  }

  /** The median of {@code values} (the mean of the middle two for an even count); NaN if empty. */
  public static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  public static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  public static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
