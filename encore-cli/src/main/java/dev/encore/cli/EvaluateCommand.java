package dev.encore.cli;

import dev.encore.als.AlsConfig;
import dev.encore.eval.Split;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
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
    description = "Train ALS on a training split and compare its ranking metrics with popularity on the test split.")
final class EvaluateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  DatasetOptions dataset;

  @Mixin
  SplitOptions splitOptions;

  @Mixin
  AlsOptions als;

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
    ModelEvaluation.Outcome outcome = ModelEvaluation.run(config, split, k, System.err);
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("k", k);
      result.put("settings", Settings.describe(config));
      result.put("train", sizes(split.train()));
      result.put("test", sizes(split.test()));
      result.put("fitSeconds", outcome.fitSeconds());
      result.put("models", outcome.metricsByModel());
      JsonOutput.print(out, result);
    } else {
      out.printf(Locale.ROOT, "ALS %s: fit in %.2f s%n", Settings.asOptions(config), outcome.fitSeconds());
      ModelEvaluation.printMetrics(out, outcome.metricsByModel());
    }
    return 0;
  }

  private static Map<String, Object> sizes(dev.encore.data.Interactions interactions) {
    Map<String, Object> sizes = new LinkedHashMap<>();
    sizes.put("users", interactions.users().size());
    sizes.put("items", interactions.items().size());
    sizes.put("entries", interactions.nnz());
    return sizes;
  }
}
