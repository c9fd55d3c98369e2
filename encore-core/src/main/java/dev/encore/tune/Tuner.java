package dev.encore.tune;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.eval.MetricReport;
import dev.encore.eval.RankingEvaluator;
import dev.encore.eval.Split;
import dev.encore.model.FactorModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Searches ALS settings on a validation split: trains each candidate on {@code split.train()},
 * scores it on {@code split.test()} and keeps the best by one metric (higher is better, except
 * {@code epr}, where lower is). Keep the final test set out of the split given here, or the
 * chosen settings are tuned to it.
 */
public final class Tuner {
  private final String metric;
  private final int k;
  private final int threads;

  /** {@code metric} is a name from {@link MetricReport#byName()}, such as {@code ndcg@10}. */
  public Tuner(String metric, int k, int threads) {
    MetricReport probe = new MetricReport(k, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    if (!probe.byName().containsKey(metric) || metric.equals("users")) {
      throw new IllegalArgumentException("metric '" + metric + "' is not one of " + String.join(", ",
          probe.byName().keySet().stream().filter(name -> !name.equals("users")).toList()));
    }
    this.metric = metric;
    this.k = k;
    this.threads = threads;
  }

  /** One tried setting and how it scored. */
  public record Trial(AlsConfig config, Map<String, Double> metrics, double objective, double fitSeconds) {}

  /** Every trial in the order tried, and the best. */
  public record Result(String metric, List<Trial> trials, Trial best) {}

  public Result search(List<AlsConfig> candidates, Split split, Consumer<Trial> onTrial) {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("nothing to tune: the search space is empty");
    }
    List<Trial> trials = new ArrayList<>();
    for (AlsConfig config : candidates) {
      long start = System.nanoTime();
      FactorModel model = new AlsTrainer(config).fit(split.train());
      double seconds = (System.nanoTime() - start) / 1e9;
      MetricReport report = RankingEvaluator.evaluate(model, split.train(), split.test(), k, threads);
      Map<String, Double> metrics = report.byName();
      Trial trial = new Trial(config, metrics, metrics.get(metric), seconds);
      trials.add(trial);
      onTrial.accept(trial);
    }
    Comparator<Trial> byObjective = Comparator.comparingDouble(Trial::objective);
    Trial best = metric.equals("epr")
        ? trials.stream().min(byObjective).orElseThrow()
        : trials.stream().max(byObjective).orElseThrow();
    return new Result(metric, List.copyOf(trials), best);
  }
}
