package dev.encore.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.als.TrainingListener;
import dev.encore.content.FeatureTable;
import dev.encore.data.Interactions;
import dev.encore.eval.MetricReport;
import dev.encore.eval.RandomSplitter;
import dev.encore.eval.RankingEvaluator;
import dev.encore.eval.Split;
import dev.encore.hybrid.Blend;
import dev.encore.index.IndexFile;
import dev.encore.index.IndexPolicy;
import dev.encore.index.IndexQuality;
import dev.encore.index.IndexSettings;
import dev.encore.index.ModelIndexes;
import dev.encore.io.OwnerOnly;
import dev.encore.model.FactorModel;
import dev.encore.model.ModelFile;
import dev.encore.popular.PopularityRecommender;
import dev.encore.tune.AutoSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns the database into a model file, and a model trained elsewhere into a
 * stored version. A run records itself as training, aggregates the stored plays, evaluates ALS
 * (and the popularity baseline) on a held-out split, trains the served model on every play, writes
 * it atomically to {@code <dataDirectory>/models/model-<version>.encore} and marks the version
 * ready (with the hybrid's blend chosen on validation when the catalogue has features, see
 * {@link HybridEvaluation}), deciding in the same transaction by the {@link PromotionPolicy} whether it goes live (see
 * {@link ModelRepository#markReady(long, String, String, PromotionPolicy)}). An install records the
 * model it is given the same way. Any failure marks the version failed and leaves the ready
 * models, their rows, their files and the serving version as they were.
 *
 * <p>The listener hears two ALS fits when evaluation is on: the evaluation fit on the training
 * split, then the fit on every play.
 */
public final class StoredModelTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(StoredModelTrainer.class);

  /** The folder under the data directory that holds the model files. */
  public static final String MODELS_FOLDER = "models";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);

  private final EncoreStore store;
  private final Path dataDirectory;
  private final PromotionPolicy promotion;
  private final IndexPolicy indexPolicy;

  /** With the default promotion policy (precision@10, 2% tolerance). */
  public StoredModelTrainer(EncoreStore store, Path dataDirectory) {
    this(store, dataDirectory, PromotionPolicy.defaults());
  }

  public StoredModelTrainer(EncoreStore store, Path dataDirectory, PromotionPolicy promotion) {
    this(store, dataDirectory, promotion, IndexPolicy.DEFAULT);
  }

  /**
   * @param indexPolicy when a version gets an approximate index (built after its file is written,
   *     saved beside it, its measured quality added to the version's metrics under "index")
   */
  public StoredModelTrainer(EncoreStore store, Path dataDirectory, PromotionPolicy promotion,
      IndexPolicy indexPolicy) {
    this.store = Objects.requireNonNull(store, "store");
    this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
    this.promotion = Objects.requireNonNull(promotion, "promotion");
    this.indexPolicy = Objects.requireNonNull(indexPolicy, "indexPolicy");
  }

  public IndexPolicy indexPolicy() {
    return indexPolicy;
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
    return train(settings, listener, (version, model, blend) -> null).record();
  }

  /**
   * Runs one training; {@code prepare} runs on the trained model once its file is written and
   * before the version is marked ready (the server builds what it will serve there), so a version
   * is ready only once it can be served.
   *
   * <p>With {@link TrainingSettings#auto()} on, the ALS settings are first chosen by
   * {@link AutoSettings} on the evaluation split's training part only (on every play when nothing
   * is held out), so the test part stays unseen; the chosen settings are then evaluated on the test
   * part and trained on every play. The search's summary goes in the metrics under "auto" and the
   * chosen settings in the version's settings under "als". When {@code listener} is also an
   * {@link AutoSettings.Listener} it hears the search too.
   *
   * @throws ModelTrainingException when any step fails, after marking its version failed
   */
  public <T> Recorded<T> train(TrainingSettings settings, TrainingListener listener, Preparation<T> prepare) {
    Objects.requireNonNull(listener, "listener");
    return recordVersion(describe(settings, settings.als()), "training", version -> {
      Interactions plays = playsFor(settings);
      Split split = settings.evaluates() ? new RandomSplitter(settings.testFraction(), settings.splitSeed()).split(plays)
          : null;
      boolean holdsOut = split != null && split.test().nnz() > 0;
      AutoSettings.Result search = settings.auto().enabled()
          ? choose(settings, holdsOut ? split.train() : plays, listener) : null;
      AlsConfig als = search == null ? settings.als() : search.chosen().withComputeLoss(settings.als().computeLoss());
      Map<String, Object> metrics = holdsOut ? evaluate(settings, als, split, plays, listener)
          : notEvaluated(split == null ? null : "too few plays to hold any out");
      if (search != null) {
        metrics.put("auto", search.describe());
        store.models().updateSettings(version, toJson(describe(settings, als)));
      }
      return new Made(new AlsTrainer(als).fit(plays, listener), toJson(metrics));
    }, prepare);
  }

  private Interactions playsFor(TrainingSettings settings) {
    Interactions plays = store.plays().interactions(settings.aggregation());
    if (plays.nnz() == 0) {
      throw new IllegalStateException("the database holds no plays: import or post plays before training");
    }
    if (plays.totalValue() == 0) {
      throw new IllegalStateException("every play weighs 0 under " + settings.aggregation() + ": the plays are"
          + " too old for the half-life (plays imported without timestamps are dated by --played-at)");
    }
    return plays;
  }

  /** The search, scored at the evaluation's k; its candidate fits skip the loss nobody reads. */
  private static AutoSettings.Result choose(TrainingSettings settings, Interactions train, TrainingListener listener) {
    AlsConfig base = settings.als();
    AutoSettings search = new AutoSettings(settings.auto().budget(), settings.k(), base.threads(),
        settings.auto().maxCandidates());
    AutoSettings.Listener hears = listener instanceof AutoSettings.Listener searchListener ? searchListener
        : AutoSettings.Listener.NONE;
    return search.choose(train, base.withComputeLoss(false), hears);
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
    return recordVersion(described, "installing", version -> new Made(model, metricsJson,
        IndexFile.forModel(source)), prepare);
  }

  /**
   * What a caller does with a new version's model after its file is written and before it is
   * marked ready; what it returns comes back with the record. A failure here fails the version
   * and removes its file.
   */
  @FunctionalInterface
  public interface Preparation<T> {
    /** @param blend the hybrid blend the version is to serve ({@link ModelRecord#servingBlend()}) */
    T prepare(long version, FactorModel model, Blend blend) throws Exception;
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

  /**
   * What a version's run made: the model to write, its metrics, and the index it came with (an
   * installed model's; may be missing or stale), or null where its index is to be built.
   */
  private record Made(FactorModel model, String metricsJson, Path shippedIndex) {
    Made(FactorModel model, String metricsJson) {
      this(model, metricsJson, null);
    }
  }

  /** The work between recording a version and writing its file. */
  private interface VersionRun {
    Made run(long version) throws Exception;
  }

  /**
   * Every version's life: recorded as training with its settings, run, written to its file,
   * prepared, marked ready (and promoted or not); any failure, an Error too, removes the file it
   * wrote, marks it failed and is thrown as a {@link ModelTrainingException}.
   */
  private <T> Recorded<T> recordVersion(Map<String, Object> described, String action, VersionRun run,
      Preparation<T> prepare) {
    Objects.requireNonNull(prepare, "prepare");
    long version = store.models().startTraining(toJson(described));
    Path file = modelFile(version);
    boolean written = false;
    try {
      Made made = run.run(version);
      ownModelsFolder(file.getParent());
      ModelFile.save(made.model(), file);
      written = true;
      IndexSettings indexing = IndexSettings.defaults(made.model().settings().threads());
      FactorModel indexed = made.shippedIndex() == null
          ? ModelIndexes.build(made.model(), file, indexPolicy, indexing)
          : ModelIndexes.adopt(made.model(), made.shippedIndex(), file, indexPolicy, indexing, LOG::warn);
      String metricsJson = withIndexMetrics(made.metricsJson(), indexed);
      T prepared = prepare.prepare(version, indexed, HybridEvaluation.servingBlend(metricsJson));
      ModelRecord ready = store.models().markReady(version, file.toString(), metricsJson, promotion);
      return new Recorded<>(ready, prepared);
    } catch (Exception | Error failure) {
      if (written) {
        deleteQuietly(file, failure);
        deleteQuietly(IndexFile.forModel(file), failure);
      }
      markFailed(version, failure);
      throw new ModelTrainingException(version, action, failure);
    }
  }

  /**
   * The models folder, owner-only like the files in it (which {@link ModelFile#save} makes so),
   * narrowed too when an older version created it open, since a folder's listing names the versions.
   */
  private static void ownModelsFolder(Path folder) throws IOException {
    OwnerOnly.createDirectories(folder);
    OwnerOnly.restrict(folder);
  }

  /**
   * The version's metrics with "index": how recommendations and similar tracks are answered
   * ({@code servedBy} index or exact, and why exact), and the index's measured quality.
   */
  @SuppressWarnings("unchecked")
  private static String withIndexMetrics(String metricsJson, FactorModel model) throws JsonProcessingException {
    Map<String, Object> metrics = JSON.readValue(metricsJson, LinkedHashMap.class);
    Map<String, Object> index = new LinkedHashMap<>();
    String exactBecause = model.exactBecause();
    index.put("servedBy", exactBecause == null ? "index" : "exact");
    if (exactBecause != null) {
      index.put("exactBecause", exactBecause);
    }
    model.index().ifPresent(built -> {
      IndexQuality quality = built.quality();
      index.put("recommendationRecallAt10", quality.scoreRecall());
      index.put("similarTracksRecallAt10", quality.cosineRecall());
      index.put("recallQueries", quality.sampleQueries());
      index.put("lists", quality.lists());
      index.put("recommendationProbes", quality.scoreProbes());
      index.put("similarTracksProbes", quality.cosineProbes());
      index.put("buildSeconds", quality.buildSeconds());
      index.put("memoryBytes", quality.memoryBytes());
      index.put("memoryOverItemFactors", quality.memoryRatio());
    });
    metrics.put("index", index);
    return toJson(metrics);
  }

  private static void deleteQuietly(Path file, Throwable failure) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException | RuntimeException cannotDelete) {
      failure.addSuppressed(cannotDelete);
    }
  }

  private void markFailed(long version, Throwable failure) {
    try {
      store.models().markFailed(version, failure.getMessage() == null ? failure.toString() : failure.getMessage());
    } catch (RuntimeException recordingFailed) {
      failure.addSuppressed(recordingFailed);
    }
  }

  /**
   * ALS and popularity on the test part, and when the catalogue has audio features, content and
   * the hybrid under the blend {@link HybridEvaluation} chooses.
   */
  private Map<String, Object> evaluate(TrainingSettings settings, AlsConfig als, Split split,
      Interactions plays, TrainingListener listener) {
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
    FeatureTable catalogue = store.tracks().features();
    if (HybridEvaluation.applies(catalogue)) {
      HybridEvaluation.addTo(metrics, catalogue, model, settings, als, split);
    }
    metrics.put("plays", sizes(plays));
    return metrics;
  }

  private static Map<String, Object> notEvaluated(String reason) {
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("evaluated", false);
    if (reason != null) {
      metrics.put("reason", reason);
    }
    return metrics;
  }

  private static Map<String, Object> sizes(Interactions interactions) {
    Map<String, Object> sizes = new LinkedHashMap<>();
    sizes.put("users", interactions.users().size());
    sizes.put("items", interactions.items().size());
    sizes.put("entries", interactions.nnz());
    return sizes;
  }

  /** The settings JSON of a training with {@code als}: the given settings, or once auto has chosen, the chosen. */
  private static Map<String, Object> describe(TrainingSettings settings, AlsConfig als) {
    Map<String, Object> aggregation = new LinkedHashMap<>();
    aggregation.put("kind", settings.aggregation().isDecayed() ? "halfLife" : "sum");
    settings.aggregation().halfLife().ifPresent(halfLife -> aggregation.put("halfLife", halfLife.toString()));
    settings.aggregation().now().ifPresent(now -> aggregation.put("now", now.toString()));
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("als", als);
    described.put("aggregation", aggregation);
    described.put("testFraction", settings.testFraction());
    described.put("splitSeed", settings.splitSeed());
    described.put("k", settings.k());
    if (settings.auto().enabled()) {
      Map<String, Object> auto = new LinkedHashMap<>();
      auto.put("budget", settings.auto().budget().toString());
      auto.put("maxCandidates", settings.auto().maxCandidates());
      auto.put("startedFrom", settings.als());
      described.put("auto", auto);
    } else {
      described.put("auto", false);
    }
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
