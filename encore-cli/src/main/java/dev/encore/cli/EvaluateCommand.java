package dev.encore.cli;

import dev.encore.als.AlsConfig;
import dev.encore.eval.Split;
import dev.encore.hybrid.Blend;
import dev.encore.hybrid.HybridComparison;
import dev.encore.tune.AutoSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code encore evaluate}: ALS against the popularity baseline on held-out plays. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train ALS on a training split and compare its ranking metrics with popularity (with --features: also content and the hybrid) on the test split.")
final class EvaluateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  DatasetOptions dataset;

  @Mixin
  SplitOptions splitOptions;

  @Mixin
  AlsOptions als;

  @Mixin
  AutoOptions autoOptions;

  @Mixin
  FeaturesOption features;

  @Mixin
  BlendOptions blendOptions;

  @Option(names = "-k", description = "Cut-off of the ranking metrics (default: ${DEFAULT-VALUE}).")
  int k = 10;

  @Option(names = "--json", description = "Print one JSON object: settings, split sizes and models.<name>.<metric>.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    RecommendCommand.requirePositive(k, "-k");
    AlsConfig config = als.toConfig();
    PrintWriter out = spec.commandLine().getOut();
    // With --json, stdout carries the JSON object alone; read summaries go nowhere.
    PrintWriter log = json ? new PrintWriter(new StringWriter()) : out;
    Split split = splitOptions.load(dataset, log);
    log.printf(Locale.ROOT, "train: %s%ntest:  %s%n", split.train(), split.test());
    AutoSettings.Result auto = null;
    if (autoOptions.enabled(spec)) {
      auto = autoOptions.choose(split.train(), config, k, log, System.err);
      config = auto.chosen();
    }
    if (features.isSet()) {
      evaluateHybrid(config, auto, split, out, log);
      return 0;
    }
    if (blendOptions.isBlendSet()) {
      throw new IllegalArgumentException("--weights and --normalization set the hybrid's blend, which needs --features FILE");
    }
    ModelEvaluation.Outcome outcome = ModelEvaluation.run(config, split, k, System.err);
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("k", k);
      result.put("settings", Settings.describe(config));
      putAuto(result, auto);
      result.put("train", JsonOutput.sizes(split.train()));
      result.put("test", JsonOutput.sizes(split.test()));
      result.put("fitSeconds", outcome.fitSeconds());
      result.put("models", outcome.metricsByModel());
      JsonOutput.print(out, result);
    } else {
      out.printf(Locale.ROOT, "ALS %s: fit in %.2f s%n", Settings.asOptions(config), outcome.fitSeconds());
      ModelEvaluation.printMetrics(out, outcome.metricsByModel());
    }
    return 0;
  }

  /**
   * ALS, content, popularity and the hybrid on the test half; the blend is the one given, or the
   * best of {@link Blend#defaultGrid()} on a validation split of the training half.
   */
  private void evaluateHybrid(AlsConfig config, AutoSettings.Result auto, Split split, PrintWriter out,
      PrintWriter log) throws Exception {
    List<Blend> candidates = blendOptions.isBlendSet() ? List.of(blendOptions.toBlend()) : Blend.defaultGrid();
    if (candidates.size() > 1) {
      log.printf(Locale.ROOT, "tuning the blend: %d candidates on a validation split of the training half%n",
          candidates.size());
      log.flush();
    }
    HybridComparison.Result result;
    try (TrainingProgress progress = new TrainingProgress(System.err, "Training")) {
      result = HybridComparison.run(split, features.loadScaledOrNull(), config, candidates, splitOptions.splitter(),
          "ndcg@" + k, k, progress);
    }
    Map<String, Map<String, Double>> metricsByModel = new LinkedHashMap<>();
    result.reports().forEach((name, metrics) -> metricsByModel.put(name, metrics.byName()));
    if (json) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("k", k);
      report.put("settings", Settings.describe(config));
      putAuto(report, auto);
      report.put("train", JsonOutput.sizes(split.train()));
      report.put("test", JsonOutput.sizes(split.test()));
      report.put("blend", result.blend().toString());
      report.put("blendTuned", result.tuning() != null);
      if (result.tuning() != null) {
        report.put("blendSearch", result.tuning().describe());
      }
      report.put("models", metricsByModel);
      JsonOutput.print(out, report);
    } else {
      out.printf(Locale.ROOT, "ALS %s%nhybrid: %s%s%n", Settings.asOptions(config), result.blend().asOptions(),
          result.tuning() == null ? "" : String.format(Locale.ROOT, " (the best %s on a validation split of the"
              + " training half among the blends covering at least ALS alone's %.1f%% of the catalogue)",
              result.tuning().trials().metric(), 100 * result.tuning().coverageFloor()));
      ModelEvaluation.printMetrics(out, metricsByModel);
    }
  }

  /** The search's summary under "auto", or {@code "auto": false} when the settings were given. */
  private static void putAuto(Map<String, Object> report, AutoSettings.Result auto) {
    report.put("auto", auto == null ? false : auto.describe());
  }
}
