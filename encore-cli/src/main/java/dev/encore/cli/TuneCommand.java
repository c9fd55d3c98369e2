package dev.encore.cli;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.content.FeatureTable;
import dev.encore.data.Confidence;
import dev.encore.eval.Split;
import dev.encore.hybrid.Blend;
import dev.encore.hybrid.BlendSearch;
import dev.encore.hybrid.HybridSources;
import dev.encore.hybrid.ScoreNormalization;
import dev.encore.model.Recommender;
import dev.encore.tune.ParameterSpace;
import dev.encore.tune.Tuner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code encore tune}: grid or random search on a validation split carved out of the training
 * data, so the final test set stays unseen: of ALS settings, or (with {@code --strategy hybrid})
 * of the hybrid's blend weights around one ALS model.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Search ALS settings, or the hybrid's blend weights, on a validation split; print every trial and the best.")
final class TuneCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  DatasetOptions dataset;

  @Mixin
  SplitOptions splitOptions;

  @Mixin
  AlsOptions als;

  @Option(names = "--strategy", paramLabel = "S",
      description = "als (search ALS settings) or hybrid (search blend weights, ALS alone among them; ALS trained once with the settings given; the best is the best of the blends covering at least as much of the catalogue as ALS alone) (default: ${DEFAULT-VALUE}).")
  String strategy = "als";

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

  @Mixin
  FeaturesOption features;

  @Option(names = "--als-weight-grid", split = ",", paramLabel = "W", description = "Hybrid: ALS weights to try (default: 0,0.5,1).")
  List<Double> alsWeightGrid;

  @Option(names = "--content-weight-grid", split = ",", paramLabel = "W",
      description = "Hybrid: content weights to try (default: 0,0.5,1,2).")
  List<Double> contentWeightGrid;

  @Option(names = "--popularity-weight-grid", split = ",", paramLabel = "W",
      description = "Hybrid: popularity weights to try (default: 0,0.25,0.5,1).")
  List<Double> popularityWeightGrid;

  @Option(names = "--normalization-grid", split = ",", paramLabel = "KIND",
      description = "Hybrid: normalisations to try, z-score and/or rank (default: z-score).")
  List<String> normalizationGrid;

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
    String chosen = strategy.trim().toLowerCase(Locale.ROOT);
    if (!chosen.equals("als") && !chosen.equals("hybrid")) {
      throw new IllegalArgumentException("--strategy '" + strategy + "' is not one of als, hybrid");
    }
    AlsConfig base = als.toConfig();
    Tuner tuner = new Tuner(metric, k, base.threads());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter log = json ? new PrintWriter(new StringWriter()) : out;
    if (chosen.equals("hybrid")) {
      tuneBlend(base, tuner, out, log);
    } else {
      tuneAls(base, tuner, out, log);
    }
    return 0;
  }

  private void tuneAls(AlsConfig base, Tuner tuner, PrintWriter out, PrintWriter log) throws Exception {
    if (alsWeightGrid != null || contentWeightGrid != null || popularityWeightGrid != null
        || normalizationGrid != null) {
      throw new IllegalArgumentException("the weight and normalization grids tune the hybrid; add --strategy hybrid");
    }
    ParameterSpace space = new ParameterSpace(
        orDefault(factorsGrid, base.factors()),
        orDefault(regularizationGrid, base.regularization()),
        orDefault(alphaGrid, base.confidence().alpha()),
        confidenceGrid == null ? List.of(base.confidence().function())
            : confidenceGrid.stream().map(Confidence.Function::parse).toList(),
        orDefault(iterationsGrid, base.iterations()));
    List<AlsConfig> candidates = randomTrials == null ? space.grid(base) : space.sample(base, randomTrials, searchSeed);
    Split split = splitOptions.load(dataset, log);
    log.printf(Locale.ROOT, "validation split: train %s, test %s; %d of %d combinations%n", split.train(),
        split.test(), candidates.size(), space.gridSize());
    Tuner.Result<AlsConfig> result = search(tuner, candidates, config -> new AlsTrainer(config).fit(split.train()),
        split, Settings::asOptions, log);
    report(out, result, Settings::asOptions, Settings::describe);
  }

  private void tuneBlend(AlsConfig base, Tuner tuner, PrintWriter out, PrintWriter log) throws Exception {
    if (factorsGrid != null || regularizationGrid != null || alphaGrid != null || confidenceGrid != null
        || iterationsGrid != null) {
      throw new IllegalArgumentException("--strategy hybrid keeps ALS fixed (one model, the settings given);"
          + " tune ALS first with --strategy als");
    }
    if (!features.isSet()) {
      throw new IllegalArgumentException("--strategy hybrid needs --features FILE: " + FeaturesOption.WHAT);
    }
    List<Blend> grid = Blend.grid(
        orDefault(alsWeightGrid, Blend.GRID_ALS),
        orDefault(contentWeightGrid, Blend.GRID_CONTENT),
        orDefault(popularityWeightGrid, Blend.GRID_POPULARITY),
        normalizationGrid == null ? Blend.GRID_NORMALIZATIONS
            : normalizationGrid.stream().map(ScoreNormalization::parse).toList());
    List<Blend> candidates = BlendSearch.withAlsAlone(randomTrials == null ? grid : sample(grid, randomTrials,
        searchSeed));
    FeatureTable scaled = features.loadScaledOrNull();
    Split split = splitOptions.load(dataset, log);
    log.printf(Locale.ROOT, "validation split: train %s, test %s; %d of %d blends around ALS %s%n", split.train(),
        split.test(), candidates.size(), grid.size(), Settings.asOptions(base));
    log.flush();
    HybridSources sources;
    try (TrainingProgress progress = new TrainingProgress(System.err, "Training")) {
      sources = HybridSources.fit(split.train(), scaled, base, progress);
    }
    BlendSearch.Result result = BlendSearch.pick(search(tuner, candidates, sources::blend, split, Blend::asOptions,
        log));
    log.printf(Locale.ROOT, "eligible: the blends whose %s is at least ALS alone's %.4f%n", result.coverageKey(),
        result.coverageFloor());
    report(out, result.trials(), Blend::asOptions, BlendSearch::toMap);
  }

  private <C> Tuner.Result<C> search(Tuner tuner, List<C> candidates, Function<C, ? extends Recommender> fit,
      Split split, Function<C, String> describe, PrintWriter log) {
    // Settings go last: their length varies with the grid, and a column after them could not line up.
    String row = "%5s  %" + Math.max(metric.length(), 7) + "s  %7s  %s%n";
    log.printf(Locale.ROOT, row, "trial", metric, "fit s", "settings");
    int[] trialNumber = {0};
    try (var bar = TrainingProgress.progressBar(System.err, "Tuning", candidates.size(), "trials")) {
      return tuner.search(candidates, fit, split, trial -> {
        bar.step();
        log.printf(Locale.ROOT, row, ++trialNumber[0], String.format(Locale.ROOT, "%.4f", trial.objective()),
            String.format(Locale.ROOT, "%.2f", trial.fitSeconds()), describe.apply(trial.config()));
        log.flush();
      });
    }
  }

  private <C> void report(PrintWriter out, Tuner.Result<C> result, Function<C, String> describe,
      Function<C, Object> toJson) {
    if (json) {
      List<Map<String, Object>> trials = new ArrayList<>();
      for (Tuner.Trial<C> trial : result.trials()) {
        trials.add(trialJson(trial, toJson));
      }
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("metric", metric);
      report.put("strategy", strategy.trim().toLowerCase(Locale.ROOT));
      report.put("trials", trials);
      report.put("best", trialJson(result.best(), toJson));
      JsonOutput.print(out, report);
    } else {
      out.printf(Locale.ROOT, "best %s = %.4f with: %s%n", metric, result.best().objective(),
          describe.apply(result.best().config()));
      out.flush();
    }
  }

  private static <C> Map<String, Object> trialJson(Tuner.Trial<C> trial, Function<C, Object> toJson) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("settings", toJson.apply(trial.config()));
    json.put("metrics", trial.metrics());
    json.put("fitSeconds", trial.fitSeconds());
    return json;
  }

  /** {@code trials} blends drawn without repeats, with the seed. */
  private static List<Blend> sample(List<Blend> grid, int trials, long seed) {
    RecommendCommand.requirePositive(trials, "--random");
    List<Blend> shuffled = new ArrayList<>(grid);
    Collections.shuffle(shuffled, new Random(seed));
    return shuffled.subList(0, Math.min(trials, shuffled.size()));
  }

  private static <T> List<T> orDefault(List<T> values, T fallback) {
    return values == null || values.isEmpty() ? List.of(fallback) : values;
  }

  private static <T> List<T> orDefault(List<T> values, List<T> fallback) {
    return values == null || values.isEmpty() ? fallback : values;
  }
}
