package dev.encore.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.index.IndexFile;
import dev.encore.index.IndexQuality;
import dev.encore.index.IndexSettings;
import dev.encore.index.ItemIndex;
import dev.encore.index.ModelIndexes;
import dev.encore.io.Dataset;
import dev.encore.model.FactorModel;
import dev.encore.model.ModelFile;
import dev.encore.store.EncoreStore;
import dev.encore.store.ModelRecord;
import dev.encore.store.ModelTrainingException;
import dev.encore.store.PlayAggregation;
import dev.encore.store.PromotionPolicy;
import dev.encore.store.StoredModelTrainer;
import dev.encore.store.TrainingSettings;
import dev.encore.tune.AutoSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code encore train}: plays from a file or the database in, model file out. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train an implicit-feedback ALS model on plays and save it: from --data to a file, or from the"
        + " database (--db) to a new model version under the data directory.")
final class TrainCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec
  CommandSpec spec;

  @Mixin
  DatasetOptions dataset;

  @Mixin
  AlsOptions als;

  @Mixin
  AutoOptions autoOptions;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Model file to write (default: ${DEFAULT-VALUE}).")
  Path output = Path.of("model.encore");

  @Mixin
  StoreOptions storeOptions;

  @Mixin
  IndexOptions index;

  @Option(names = "--half-life", paramLabel = "DURATION",
      description = "With --db: weight each play by 0.5^(age / DURATION), an ISO-8601 duration such as P30D"
          + " (default: plain sum of play counts).")
  String halfLife;

  @Option(names = "--as-of", paramLabel = "INSTANT",
      description = "With --half-life: the time plays' ages are measured at, e.g. the end of a historical dataset"
          + " such as 1998-04-23T00:00:00Z (default: now).")
  String asOf;

  @Option(names = "--json", description = "Print one JSON object: the data, the settings (and how they were chosen),"
      + " the fit time and the model written (with --db: its version and held-out metrics).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    AlsConfig config = als.toConfig();
    if (storeOptions.isSet()) {
      return trainFromDatabase(config);
    }
    if (halfLife != null) {
      throw new IllegalArgumentException("--half-life needs --db: a file's plays have no per-event times to decay");
    }
    Dataset data = dataset.load();
    PrintWriter out = spec.commandLine().getOut();
    // With --json, stdout carries the JSON object alone; the read summary and the search table go nowhere.
    PrintWriter log = json ? new PrintWriter(new StringWriter()) : out;
    log.println(data.summary());
    log.println(data.interactions());
    log.flush();
    long start = System.nanoTime();
    AutoSettings.Result auto = null;
    if (autoOptions.enabled(spec)) {
      auto = autoOptions.choose(data.interactions(), config, TrainingSettings.DEFAULT_K, log, System.err);
      config = auto.chosen();
    }
    FactorModel model;
    try (TrainingProgress progress = new TrainingProgress(System.err, "Training")) {
      model = new AlsTrainer(config).fit(data.interactions(), progress);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    ModelFile.save(model, output);
    Optional<IndexQuality> indexed = ModelIndexes.build(model, output, index.policy(),
        IndexSettings.defaults(config.threads())).index().map(ItemIndex::quality);
    if (json) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("data", JsonOutput.sizes(data.interactions()));
      report.put("settings", Settings.describe(config));
      report.put("auto", auto == null ? false : auto.describe());
      report.put("seconds", seconds);
      report.put("model", output.toString());
      report.put("index", indexed.<Object>map(quality -> Map.of("file", IndexFile.forModel(output).toString(),
          "recommendationRecallAt10", quality.scoreRecall(), "similarTracksRecallAt10", quality.cosineRecall(),
          "lists", quality.lists(), "buildSeconds", quality.buildSeconds(), "memoryBytes", quality.memoryBytes()))
          .orElse(false));
      JsonOutput.print(out, report);
    } else {
      out.printf(Locale.ROOT, "trained %d factors, %d iterations (%s) in %.2f s; wrote %s%n", config.factors(),
          config.iterations(), config.solver(), seconds, output);
      indexed.ifPresent(quality -> out.printf(Locale.ROOT,
          "index: %,d lists, recall@10 %.4f (recommendations) and %.4f (similar tracks) against exact scoring,"
              + " built in %.2f s; wrote %s%n", quality.lists(), quality.scoreRecall(), quality.cosineRecall(),
          quality.buildSeconds(), IndexFile.forModel(output)));
      out.flush();
    }
    return 0;
  }

  private int trainFromDatabase(AlsConfig config) throws Exception {
    if (dataset.isSet()) {
      throw new IllegalArgumentException("give --data (train on a file) or --db (train on the database), not both");
    }
    if (spec.commandLine().getParseResult().hasMatchedOption("--output")) {
      throw new IllegalArgumentException("--output is for training on a file; with --db the model is written to "
          + storeOptions.dataDirectory.resolve(StoredModelTrainer.MODELS_FOLDER) + " as a new version");
    }
    TrainingSettings settings = TrainingSettings.of(config).withAggregation(aggregation())
        .withAuto(autoOptions.tuning(spec));
    PrintWriter out = spec.commandLine().getOut();
    long start = System.nanoTime();
    ModelRecord model;
    try (EncoreStore store = EncoreStore.open(storeOptions.toConfig());
        TrainingProgress progress = new TrainingProgress(System.err, "Training")) {
      model = new StoredModelTrainer(store, storeOptions.dataDirectory, PromotionPolicy.defaults(), index.policy())
          .train(settings, progress);
    } catch (ModelTrainingException failed) {
      if (!json) {
        out.printf(Locale.ROOT, "model version %d failed; the models table records why%n", failed.version());
        out.flush();
      }
      throw failed.getCause() instanceof Exception cause ? cause : failed;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (json) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("version", model.version());
      report.put("settings", JSON.readTree(model.settingsJson()));
      report.put("model", model.file());
      report.put("seconds", seconds);
      report.put("metrics", JSON.readTree(model.metricsJson()));
      JsonOutput.print(out, report);
      return 0;
    }
    out.printf(Locale.ROOT, "trained model version %d (%s) in %.2f s; wrote %s%n", model.version(),
        settings.auto().enabled() ? "settings chosen automatically" : Settings.asOptions(config), seconds,
        model.file());
    printMetrics(out, model.metricsJson(), settings);
    return 0;
  }

  private PlayAggregation aggregation() {
    if (halfLife == null) {
      if (asOf != null) {
        throw new IllegalArgumentException("--as-of goes with --half-life: a plain sum has no ages");
      }
      return PlayAggregation.sum();
    }
    Duration duration;
    try {
      duration = Duration.parse(halfLife);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--half-life '" + halfLife + "' is not an ISO-8601 duration such as P30D or PT12H");
    }
    Instant now;
    try {
      now = asOf == null ? Instant.now() : Instant.parse(asOf);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--as-of '" + asOf + "' is not an instant like 1998-04-23T00:00:00Z");
    }
    return PlayAggregation.halfLife(duration, now);
  }

  private static void printMetrics(PrintWriter out, String metricsJson, TrainingSettings settings) throws Exception {
    JsonNode metrics = JSON.readTree(metricsJson);
    JsonNode auto = metrics.path("auto");
    if (auto.isObject()) {
      out.printf(Locale.ROOT, "chose %s (validation %s %.4f after %d candidates in %.1f s)%n", auto.path("chosen"),
          auto.path("metric").asText(), auto.path("validationScore").asDouble(), auto.path("candidates").size(),
          auto.path("seconds").asDouble());
    }
    if (!metrics.path("evaluated").asBoolean()) {
      out.println("not evaluated: " + metrics.path("reason").asText("evaluation was off"));
      out.flush();
      return;
    }
    out.printf(Locale.ROOT, "held out %.0f%% of the listener-track pairs, k = %d:%n", settings.testFraction() * 100,
        settings.k());
    TypeReference<LinkedHashMap<String, Double>> numbers = new TypeReference<>() {};
    Map<String, Map<String, Double>> byModel = new LinkedHashMap<>();
    for (String name : new String[] {"als", "popularity"}) {
      byModel.put(name, JSON.convertValue(metrics.get(name), numbers));
    }
    ModelEvaluation.printMetrics(out, byModel);
  }
}
