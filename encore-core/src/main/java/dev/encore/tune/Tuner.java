package dev.encore.tune;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.eval.MetricReport;
import dev.encore.eval.RankingEvaluator;
import dev.encore.eval.Split;
import dev.encore.model.Recommender;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Searches settings on a validation split (ALS settings, or anything that builds a
 * {@link Recommender}, such as hybrid blend weights): fits each candidate on {@code split.train()},
 * scores it on {@code split.test()} and keeps the best by one metric (higher is better, except
 * {@code epr} and {@code gini@k}, where lower is). Keep the final test set out of the split given here, or the
 * chosen settings are tuned to it.
 */
public final class Tuner {
  private final String metric;
  private final int k;
  private final int threads;

  /** {@code metric} is a name from {@link MetricReport#byName()}, such as {@code ndcg@10}. */
  public Tuner(String metric, int k, int threads) {
    MetricReport probe = new MetricReport(k, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    if (!probe.byName().containsKey(metric) || metric.equals("users")) {
      throw new IllegalArgumentException("metric '" + metric + "' is not one of " + String.join(", ",
          probe.byName().keySet().stream().filter(name -> !name.equals("users")).toList()));
    }
    this.metric = metric;
    this.k = k;
    this.threads = threads;
  }

  /** One tried setting (ALS settings, blend weights, ...) and how it scored. */
  public record Trial<C>(C config, Map<String, Double> metrics, double objective, double fitSeconds) {}

  /** Every trial in the order tried, and the best. */
  public record Result<C>(String metric, List<Trial<C>> trials, Trial<C> best) {}

  /** Trains ALS with each candidate setting on {@code split.train()} and scores it on {@code split.test()}. */
  public Result<AlsConfig> search(List<AlsConfig> candidates, Split split, Consumer<Trial<AlsConfig>> onTrial) {
    return search(candidates, config -> new AlsTrainer(config).fit(split.train()), split, onTrial);
  }

  /**
   * Builds a recommender from each candidate with {@code fit} (trained on {@code split.train()})
   * and scores it on {@code split.test()}; {@code fitSeconds} is how long {@code fit} took.
   */
  public <C> Result<C> search(List<C> candidates, Function<C, ? extends Recommender> fit, Split split,
      Consumer<Trial<C>> onTrial) {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("nothing to tune: the search space is empty");
    }
    List<Trial<C>> trials = new ArrayList<>();
    for (C config : candidates) {
      long start = System.nanoTime();
      Recommender model = fit.apply(config);
      double seconds = (System.nanoTime() - start) / 1e9;
      MetricReport report = RankingEvaluator.evaluate(model, split.train(), split.test(), k, threads);
      Map<String, Double> metrics = report.byName();
      Trial<C> trial = new Trial<>(config, metrics, metrics.get(metric), seconds);
      trials.add(trial);
      onTrial.accept(trial);
    }
    Comparator<Trial<C>> byObjective = Comparator.comparingDouble(Trial::objective);
    Trial<C> best = lowerIsBetter(metric)
        ? trials.stream().min(byObjective).orElseThrow()
        : trials.stream().max(byObjective).orElseThrow();
    return new Result<>(metric, List.copyOf(trials), best);
  }

  /** Whether a smaller value of {@code metric} is the better one ({@code epr}, {@code gini@k}). */
  public static boolean lowerIsBetter(String metric) {
    return metric.equals("epr") || metric.startsWith("gini@");
  }
}
