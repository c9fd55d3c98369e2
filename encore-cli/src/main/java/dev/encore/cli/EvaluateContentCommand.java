package dev.encore.cli;

import dev.encore.content.FeatureGroup;
import dev.encore.content.FeatureTable;
import dev.encore.content.GenreEvaluation;
import dev.encore.content.GenreEvaluationReport;
import dev.encore.io.GtzanReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code encore evaluate-content}: how well content similarity finds the same genre on GTZAN. */
@Command(name = "evaluate-content", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Leave-one-out genre precision@k of content similarity on the GTZAN features (tags not used):",
        "random lists, plain cosine on z-scores, Encore's robust scaling, and Encore's learned metric (k-fold cross-validated)."})
final class EvaluateContentCommand implements Callable<Integer> {
  static final Path DEFAULT_GTZAN = Path.of("../shared/data/gtzan/features_30_sec.csv");

  @Spec
  CommandSpec spec;

  @Option(names = "--gtzan", paramLabel = "FILE", description = "GTZAN features_30_sec.csv (default: ${DEFAULT-VALUE}).")
  Path gtzan = DEFAULT_GTZAN;

  @Option(names = "-k", paramLabel = "K", description = "Similar tracks per query (default: ${DEFAULT-VALUE}).")
  int k = 10;

  @Option(names = "--folds", paramLabel = "N", description = "Cross-validation folds of the learned metric (default: ${DEFAULT-VALUE}).")
  int folds = 10;

  @Option(names = "--inner-folds", paramLabel = "N",
      description = "Folds of the inner search that picks the metric's settings (default: ${DEFAULT-VALUE}).")
  int innerFolds = 4;

  @Option(names = "--seed", description = "Seed of the fold assignment (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--top-features", paramLabel = "N", description = "Learned feature weights to list (default: ${DEFAULT-VALUE}).")
  int topFeatures = 12;

  @Option(names = "--json", description = "Print the whole report as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(gtzan)) {
      throw new IllegalArgumentException("no GTZAN features file at " + gtzan.toAbsolutePath().normalize()
          + "; pass --gtzan FILE (features_30_sec.csv)");
    }
    FeatureTable table = new GtzanReader().read(gtzan).table();
    GenreEvaluation.Settings defaults = GenreEvaluation.Settings.defaults();
    GenreEvaluation.Settings settings = new GenreEvaluation.Settings(k, folds, innerFolds, seed,
        defaults.candidates(), GtzanReader.DERIVED_FEATURES);
    GenreEvaluationReport report = GenreEvaluation.run(table, settings);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(out, report);
      return 0;
    }
    out.printf(Locale.ROOT, "GTZAN genre precision@%d: each of %,d tracks (%d genres) queries all the others; tags not used%n",
        report.k(), report.tracks(), report.genres());
    out.printf(Locale.ROOT, "  %-16s %-14s %s%n", "method", "precision@" + report.k(), "how");
    for (GenreEvaluationReport.Method method : report.methods()) {
      out.printf(Locale.ROOT, "  %-16s %-14.4f %s%n", method.name(), method.precision(), method.description());
    }
    Map<String, Long> settingsChosen = report.foldChoices().stream().collect(Collectors.groupingBy(
        choice -> String.format(Locale.ROOT, "shrinkage %.2f, power %.2f", choice.shrinkage(), choice.power()),
        LinkedHashMap::new, Collectors.counting()));
    out.printf(Locale.ROOT, "learned metric: settings chosen by the inner search: %s%n", settingsChosen.entrySet()
        .stream().map(entry -> entry.getKey() + " (" + entry.getValue() + " folds)").collect(Collectors.joining("; ")));
    List<Map.Entry<FeatureGroup, Double>> groups = report.groupShares().entrySet().stream()
        .sorted(Map.Entry.<FeatureGroup, Double>comparingByValue(Comparator.reverseOrder())).toList();
    out.printf(Locale.ROOT, "  share of the effective weight by group: %s%n", groups.stream()
        .map(group -> String.format(Locale.ROOT, "%s %.1f%%", group.getKey().name().toLowerCase(Locale.ROOT),
            100 * group.getValue())).collect(Collectors.joining(", ")));
    out.printf(Locale.ROOT, "  largest effective feature weights (mean over features = 1): %s%n",
        report.featureWeights().stream().limit(topFeatures)
            .map(weight -> String.format(Locale.ROOT, "%s %.2f", weight.feature(), weight.weight()))
            .collect(Collectors.joining(", ")));
    out.flush();
    return 0;
  }
}
