package dev.encore.cli;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.eval.MetricReport;
import dev.encore.eval.RankingEvaluator;
import dev.encore.eval.Split;
import dev.encore.model.FactorModel;
import dev.encore.model.Recommender;
import dev.encore.popular.PopularityRecommender;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;

/** Trains ALS on a split's train half and scores it and the popularity baseline on the test half. */
final class ModelEvaluation {
  private ModelEvaluation() {}

  /** The ALS model and every model's metrics by name, ALS first. */
  record Outcome(FactorModel als, double fitSeconds, Map<String, MetricReport> reports) {
    Map<String, Map<String, Double>> metricsByModel() {
      Map<String, Map<String, Double>> models = new LinkedHashMap<>();
      reports.forEach((name, report) -> models.put(name, report.byName()));
      return models;
    }
  }

  static Outcome run(AlsConfig config, Split split, int k, PrintStream progressStream) {
    long start = System.nanoTime();
    FactorModel als;
    try (TrainingProgress progress = new TrainingProgress(progressStream, "Training")) {
      als = new AlsTrainer(config).fit(split.train(), progress);
    }
    double fitSeconds = (System.nanoTime() - start) / 1e9;
    Map<String, MetricReport> reports = new LinkedHashMap<>();
    reports.put("als", evaluate("als", als, split, k, config.threads(), progressStream));
    reports.put("popularity", evaluate("popularity", new PopularityRecommender(split.train()), split, k,
        config.threads(), progressStream));
    return new Outcome(als, fitSeconds, reports);
  }

  private static MetricReport evaluate(String name, Recommender model, Split split, int k, int threads,
      PrintStream progressStream) {
    try (ProgressBar bar = TrainingProgress.progressBar(progressStream, "Scoring " + name,
        split.train().users().size(), "users")) {
      return RankingEvaluator.evaluate(model, split.train(), split.test(), k, threads, done -> bar.stepTo(done));
    }
  }

  /** One row per metric (those of the first model), one column per model. */
  static void printMetrics(PrintWriter out, Map<String, Map<String, Double>> metricsByModel) {
    out.printf(Locale.ROOT, "%-14s", "metric");
    for (String name : metricsByModel.keySet()) {
      out.printf(Locale.ROOT, " %12s", name);
    }
    out.println();
    Map<String, Double> first = metricsByModel.values().iterator().next();
    for (String metric : first.keySet()) {
      out.printf(Locale.ROOT, "%-14s", metric);
      for (Map<String, Double> metrics : metricsByModel.values()) {
        double value = metrics.getOrDefault(metric, Double.NaN);
        out.printf(Locale.ROOT, metric.equals("users") ? " %12.0f" : " %12.4f", value);
      }
      out.println();
    }
    out.flush();
  }
}
