package dev.encore.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.als.TrainingListener;
import dev.encore.data.Interactions;
import dev.encore.eval.MetricReport;
import dev.encore.eval.RandomSplitter;
import dev.encore.eval.RankingEvaluator;
import dev.encore.eval.Split;
import dev.encore.model.FactorModel;
import dev.encore.model.ModelFile;
import dev.encore.popular.PopularityRecommender;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one place that turns the database into a model file, and a model trained elsewhere into a
 * stored version. A run records itself as training, aggregates the stored plays, evaluates ALS
 * (and the popularity baseline) on a held-out split, trains the served model on every play, writes
 * it atomically to {@code <dataDirectory>/models/model-<version>.encore} and marks the version
 * ready, deciding in the same transaction by the {@link PromotionPolicy} whether it goes live (see
 * {@link ModelRepository#markReady(long, String, String, PromotionPolicy)}). An install records the
 * model it is given the same way. Any failure marks the version failed and leaves the ready
 * models, their rows, their files and the serving version as they were.
 *
 * <p>The listener hears two ALS fits when evaluation is on: the evaluation fit on the training
 * split, then the fit on every play.
 */
public final class StoredModelTrainer {
  /** The folder under the data directory that holds the model files. */
  public static final String MODELS_FOLDER = "models";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);

  private final EncoreStore store;
  private final Path dataDirectory;
  private final PromotionPolicy promotion;

  /** With the default promotion policy (precision@10, 2% tolerance). */
  public StoredModelTrainer(EncoreStore store, Path dataDirectory) {
    this(store, dataDirectory, PromotionPolicy.defaults());
  }

  public StoredModelTrainer(EncoreStore store, Path dataDirectory, PromotionPolicy promotion) {
    this.store = Objects.requireNonNull(store, "store");
    this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
    this.promotion = Objects.requireNonNull(promotion, "promotion");
  }

  /** The file a version's model is written to. */
  public Path modelFile(long version) {
    return dataDirectory.resolve(MODELS_FOLDER).resolve("model-" + version + ".encore");
  }

  /** Trains with {@code config} on summed play counts, evaluated as {@link TrainingSettings#of} says. */
  public ModelRecord train(AlsConfig config, TrainingListener listener) {
    return train(TrainingSettings.of(config), listener);
  }

  /**
   * Runs one training and returns its ready record.
   *
   * @throws ModelTrainingException when it fails, after marking its version failed
   */
  public ModelRecord train(TrainingSettings settings, TrainingListener listener) {
    return train(settings, listener, (version, model) -> null).record();
  }

  /**
   * Runs one training; {@code prepare} runs on the trained model before the version is marked
   * ready (the server builds what it will serve there), so a version is ready only once it can be
   * served.
   *
   * @throws ModelTrainingException when any step fails, after marking its version failed
   */
  public <T> Recorded<T> train(TrainingSettings settings, TrainingListener listener, Preparation<T> prepare) {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(prepare, "prepare");
    return recordVersion(describe(settings), "training", version -> {
      Interactions plays = store.plays().interactions(settings.aggregation());
      if (plays.nnz() == 0) {
        throw new IllegalStateException("the database holds no plays: import or post plays before training");
      }
      if (plays.totalValue() == 0) {
        throw new IllegalStateException("every play weighs 0 under " + settings.aggregation() + ": the plays are"
            + " too old for the half-life (plays imported without timestamps are dated by --played-at)");
      }
      Map<String, Object> metrics = settings.evaluates() ? evaluate(settings, plays, listener) : notEvaluated();
      FactorModel model = new AlsTrainer(settings.als()).fit(plays, listener);
      return new Made<>(model, toJson(metrics), prepare.prepare(version, model));
    });
  }

  /**
   * Records {@code model}, trained elsewhere (the Spark job's model directory, say), as a new
   * version installed from {@code source}, with {@code metricsJson} as its metrics. It is written to
   * {@link #modelFile} like a trained version, so a restart serves it the same way and
   * {@code source} is never read again.
   *
   * @param prepare runs once the version number is known and before the version is marked ready,
   *     as for {@link #train(TrainingSettings, TrainingListener, Preparation)}
   * @throws ModelTrainingException when any step fails, after marking the version failed
   */
  public <T> Recorded<T> install(FactorModel model, Path source, String metricsJson, Preparation<T> prepare) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(metricsJson, "metricsJson");
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("installedFrom", source.toAbsolutePath().toString());
    described.put("als", model.settings());
    return recordVersion(described, "installing", version -> new Made<>(model, metricsJson,
        prepare.prepare(version, model)));
  }

  /**
   * What a caller does with a new version's model before it is marked ready; what it returns
   * comes back with the record. A failure here fails the version.
   */
  @FunctionalInterface
  public interface Preparation<T> {
    T prepare(long version, FactorModel model) throws Exception;
  }

  /**
   * A ready version's record (its {@link ModelRecord#promotionJson()} says whether it went live)
   * and what the caller prepared for it.
   */
  public record Recorded<T>(ModelRecord record, T prepared) {
    /** The promotion decided when it became ready. */
    public Promotion promotion() {
      return Promotion.fromJson(record.promotionJson()).orElseThrow();
    }
  }

  /** What a version's run made: the model to write, its metrics, and what the caller keeps. */
  private record Made<T>(FactorModel model, String metricsJson, T prepared) {}

  /** The work between recording a version and writing its file. */
  private interface VersionRun<T> {
    Made<T> run(long version) throws Exception;
  }

  /**
   * Every version's life: recorded as training with its settings, run, written to its file, marked
   * ready; any failure, an Error too, marks it failed and is thrown as a {@link ModelTrainingException}.
   */
  private <T> Recorded<T> recordVersion(Map<String, Object> described, String action, VersionRun<T> run) {
    long version = store.models().startTraining(toJson(described));
    try {
      Made<T> made = run.run(version);
      Path file = modelFile(version);
      ModelFile.save(made.model(), file);
      ModelRecord ready = store.models().markReady(version, file.toString(), made.metricsJson(), promotion);
      return new Recorded<>(ready, made.prepared());
    } catch (Exception | Error failure) {
      markFailed(version, failure);
      throw new ModelTrainingException(version, action, failure);
    }
  }

  private void markFailed(long version, Throwable failure) {
    try {
      store.models().markFailed(version, failure.getMessage() == null ? failure.toString() : failure.getMessage());
    } catch (RuntimeException recordingFailed) {
      failure.addSuppressed(recordingFailed);
    }
  }

  private static Map<String, Object> evaluate(TrainingSettings settings, Interactions plays, TrainingListener listener) {
    Split split = new RandomSplitter(settings.testFraction(), settings.splitSeed()).split(plays);
    if (split.test().nnz() == 0) {
      Map<String, Object> skipped = notEvaluated();
      skipped.put("reason", "too few plays to hold any out");
      return skipped;
    }
    AlsConfig als = settings.als();
    long start = System.nanoTime();
    FactorModel model = new AlsTrainer(als).fit(split.train(), listener);
    double fitSeconds = (System.nanoTime() - start) / 1e9;
    MetricReport alsReport = RankingEvaluator.evaluate(model, split.train(), split.test(), settings.k(), als.threads());
    MetricReport popularity = RankingEvaluator.evaluate(new PopularityRecommender(split.train()), split.train(),
        split.test(), settings.k(), als.threads());
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("evaluated", true);
    metrics.put("k", settings.k());
    metrics.put("testFraction", settings.testFraction());
    metrics.put("train", sizes(split.train()));
    metrics.put("test", sizes(split.test()));
    metrics.put("evaluationFitSeconds", fitSeconds);
    metrics.put("als", alsReport.byName());
    metrics.put("popularity", popularity.byName());
    metrics.put("plays", sizes(plays));
    return metrics;
  }

  private static Map<String, Object> notEvaluated() {
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("evaluated", false);
    return metrics;
  }

  private static Map<String, Object> sizes(Interactions interactions) {
    Map<String, Object> sizes = new LinkedHashMap<>();
    sizes.put("users", interactions.users().size());
    sizes.put("items", interactions.items().size());
    sizes.put("entries", interactions.nnz());
    return sizes;
  }

  private static Map<String, Object> describe(TrainingSettings settings) {
    Map<String, Object> aggregation = new LinkedHashMap<>();
    aggregation.put("kind", settings.aggregation().isDecayed() ? "halfLife" : "sum");
    settings.aggregation().halfLife().ifPresent(halfLife -> aggregation.put("halfLife", halfLife.toString()));
    settings.aggregation().now().ifPresent(now -> aggregation.put("now", now.toString()));
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("als", settings.als());
    described.put("aggregation", aggregation);
    described.put("testFraction", settings.testFraction());
    described.put("splitSeed", settings.splitSeed());
    described.put("k", settings.k());
    return described;
  }

  private static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
