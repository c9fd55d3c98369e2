package dev.encore.cli;

import dev.encore.als.AlsConfig;
import dev.encore.content.FeatureScaler;
import dev.encore.content.FeatureTable;
import dev.encore.data.Interactions;
import dev.encore.eval.MetricReport;
import dev.encore.hybrid.ColdStartEvaluation;
import dev.encore.synth.PlayGenerator;
import dev.encore.synth.SynthConfig;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code encore evaluate-cold-start}: how well tracks nobody has played yet reach the listeners
 * who will play them, with a share of the tracks held out as new: on one's own plays and features
 * ({@code --data} and {@code --features}), or on a synthetic catalogue.
 */
@Command(name = "evaluate-cold-start", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Hold out a share of the tracks (and all their plays) as new, from your --data and --features or"
        + " from a synthetic catalogue; compare how cold-start ALS, content, the hybrid, popularity and random rank"
        + " them for the listeners who played them.")
final class EvaluateColdStartCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  SynthOptions synth;

  @Mixin
  DatasetOptions dataset;

  @Mixin
  FeaturesOption features;

  @Mixin
  AlsOptions als;

  @Mixin
  BlendOptions blendOptions;

  @Option(names = "--new-share", description = "Share of the tracks held out as new (default: ${DEFAULT-VALUE}).")
  double newShare = 0.1;

  @Option(names = "-k", description = "Cut-off of the ranking metrics; recall@k is the headline (default: ${DEFAULT-VALUE}).")
  int k = 50;

  @Option(names = "--split-seed", description = "Seed that picks the new tracks (default: ${DEFAULT-VALUE}).")
  long splitSeed = 1;

  @Option(names = "--json", description = "Print one JSON object: sizes and methods.<name>.<metric> for both candidate sets.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    RecommendCommand.requirePositive(k, "-k");
    SynthConfig synthConfig = synth.toConfig();
    AlsConfig config = als.toConfig();
    ColdStartEvaluation.Settings settings = new ColdStartEvaluation.Settings(newShare, k, blendOptions.ridge,
        blendOptions.toBlend(), splitSeed, config.threads());
    ColdStartEvaluation.Result result;
    if (dataset.isSet()) {
      if (!features.isSet()) {
        throw new IllegalArgumentException("--data needs --features FILE: the new tracks are placed by their features ("
            + FeaturesOption.WHAT + ")");
      }
      Interactions plays = dataset.load().interactions();
      FeatureTable scaled = features.loadScaledOrNull();
      try (TrainingProgress progress = new TrainingProgress(System.err, "Training")) {
        result = ColdStartEvaluation.run(plays, scaled, config, settings, progress);
      }
    } else {
      PlayGenerator generator = new PlayGenerator(synthConfig);
      FeatureTable raw = generator.catalogue().featureTable();
      FeatureTable scaled = raw.scaledBy(FeatureScaler.learn(raw));
      try (TrainingProgress progress = new TrainingProgress(System.err, "Training")) {
        result = ColdStartEvaluation.run(generator, scaled, config, settings, progress);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("k", k);
      report.put("tracks", result.tracks());
      report.put("newTracks", result.newTracks());
      report.put("trainPlays", result.trainPlays());
      report.put("newTrackPlays", result.newTrackPlays());
      report.put("listeners", result.listeners());
      report.put("settings", Settings.describe(config));
      report.put("blend", settings.blend().toString());
      report.put("ridge", settings.ridge());
      report.put("amongAllTracks", byName(result.amongAll()));
      report.put("amongNewTracks", byName(result.amongNew()));
      JsonOutput.print(out, report);
      return 0;
    }
    out.printf(Locale.ROOT, "%,d of %,d tracks held out as new, with their %,d plays; ALS trained on %,d plays;"
        + " %,d listeners played a new track%n", result.newTracks(), result.tracks(), result.newTrackPlays(),
        result.trainPlays(), result.listeners());
    out.printf(Locale.ROOT, "ALS %s, ridge %s, hybrid %s%n", Settings.asOptions(config), settings.ridge(),
        settings.blend());
    out.printf(Locale.ROOT, "%-16s %26s %26s%n", "", "among all unplayed tracks", "among the new tracks only");
    String recall = "recall@" + k;
    String ndcg = "ndcg@" + k;
    out.printf(Locale.ROOT, "%-16s %13s %12s %13s %12s%n", "method", recall, ndcg, recall, ndcg);
    for (Map.Entry<String, MetricReport> method : result.amongAll().entrySet()) {
      MetricReport amongNew = result.amongNew().get(method.getKey());
      out.printf(Locale.ROOT, "%-16s %13.4f %12.4f %13s %12s%n", method.getKey(), method.getValue().recall(),
          method.getValue().ndcg(), amongNew == null ? "n/a" : String.format(Locale.ROOT, "%.4f", amongNew.recall()),
          amongNew == null ? "n/a" : String.format(Locale.ROOT, "%.4f", amongNew.ndcg()));
    }
    out.println("(popularity scores every new track 0: among the new tracks alone it has no order to show)");
    out.flush();
    return 0;
  }

  private static Map<String, Map<String, Double>> byName(Map<String, MetricReport> reports) {
    Map<String, Map<String, Double>> named = new LinkedHashMap<>();
    reports.forEach((name, report) -> named.put(name, report.byName()));
    return named;
  }
}
