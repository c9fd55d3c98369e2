package dev.encore.cli;

import dev.encore.als.AlsConfig;
import dev.encore.data.Confidence;
import dev.encore.eval.Split;
import dev.encore.tune.ParameterSpace;
import dev.encore.tune.Tuner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
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

/**
 * {@code encore tune}: grid or random search of ALS settings on a validation split carved out
 * of the training data, so the final test set stays unseen.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Search ALS settings (grid or random) on a validation split; print every trial and the best.")
final class TuneCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  DatasetOptions dataset;

  @Mixin
  SplitOptions splitOptions;

  @Mixin
  AlsOptions als;

  @Option(names = "--factors-grid", split = ",", paramLabel = "K", description = "Factor counts to try, e.g. 16,32,64.")
  List<Integer> factorsGrid;

  @Option(names = "--regularization-grid", split = ",", paramLabel = "LAMBDA", description = "Lambdas to try.")
  List<Float> regularizationGrid;

  @Option(names = "--alpha-grid", split = ",", paramLabel = "ALPHA", description = "Alphas to try.")
  List<Float> alphaGrid;

  @Option(names = "--confidence-grid", split = ",", paramLabel = "F", description = "Confidence functions to try.")
  List<String> confidenceGrid;

  @Option(names = "--iterations-grid", split = ",", paramLabel = "N", description = "Iteration counts to try.")
  List<Integer> iterationsGrid;

  @Option(names = "--random", paramLabel = "TRIALS", description = "Try this many random combinations instead of the full grid.")
  Integer randomTrials;

  @Option(names = "--search-seed", description = "Seed of the random search (default: ${DEFAULT-VALUE}).")
  long searchSeed = 7;

  @Option(names = "--metric", description = "Metric to maximise (epr is minimised) (default: ${DEFAULT-VALUE}).")
  String metric = "ndcg@10";

  @Option(names = "-k", description = "Cut-off of the ranking metrics (default: ${DEFAULT-VALUE}).")
  int k = 10;

  @Option(names = "--json", description = "Print one JSON object with every trial and the best.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    RecommendCommand.requirePositive(k, "-k");
    AlsConfig base = als.toConfig();
    ParameterSpace space = new ParameterSpace(
        orDefault(factorsGrid, base.factors()),
        orDefault(regularizationGrid, base.regularization()),
        orDefault(alphaGrid, base.confidence().alpha()),
        confidenceGrid == null ? List.of(base.confidence().function())
            : confidenceGrid.stream().map(Confidence.Function::parse).toList(),
        orDefault(iterationsGrid, base.iterations()));
    List<AlsConfig> candidates = randomTrials == null ? space.grid(base) : space.sample(base, randomTrials, searchSeed);
    Tuner tuner = new Tuner(metric, k, base.threads());

    PrintWriter out = spec.commandLine().getOut();
    PrintWriter log = json ? new PrintWriter(new StringWriter()) : out;
    Split split = splitOptions.load(dataset, log);
    log.printf(Locale.ROOT, "validation split: train %s, test %s; %d of %d combinations%n", split.train(),
        split.test(), candidates.size(), space.gridSize());
    log.printf(Locale.ROOT, "%5s  %-80s %10s %8s%n", "trial", "settings", metric, "fit s");
    int[] trialNumber = {0};
    Tuner.Result result;
    try (var bar = TrainingProgress.progressBar(System.err, "Tuning", candidates.size(), "trials")) {
      result = tuner.search(candidates, split, trial -> {
        bar.step();
        log.printf(Locale.ROOT, "%5d  %-80s %10.4f %8.2f%n", ++trialNumber[0], Settings.asOptions(trial.config()),
            trial.objective(), trial.fitSeconds());
        log.flush();
      });
    }
    if (json) {
      List<Map<String, Object>> trials = new ArrayList<>();
      for (Tuner.Trial trial : result.trials()) {
        trials.add(trialJson(trial));
      }
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("metric", metric);
      report.put("trials", trials);
      report.put("best", trialJson(result.best()));
      JsonOutput.print(out, report);
    } else {
      out.printf(Locale.ROOT, "best %s = %.4f with: %s%n", metric, result.best().objective(),
          Settings.asOptions(result.best().config()));
      out.flush();
    }
    return 0;
  }

  private static Map<String, Object> trialJson(Tuner.Trial trial) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("settings", Settings.describe(trial.config()));
    json.put("metrics", trial.metrics());
    json.put("fitSeconds", trial.fitSeconds());
    return json;
  }

  private static <T> List<T> orDefault(List<T> values, T fallback) {
    return values == null || values.isEmpty() ? List.of(fallback) : values;
  }
}
