package dev.encore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.als.IterationStats;
import dev.encore.als.TrainingListener;
import dev.encore.data.Interactions;
import dev.encore.index.IndexFile;
import dev.encore.index.IndexPolicy;
import dev.encore.index.IndexSettings;
import dev.encore.index.ModelIndexes;
import dev.encore.io.OwnerOnly;
import dev.encore.model.ModelDirectory;
import dev.encore.model.FactorModel;
import dev.encore.model.ModelFile;
import dev.encore.store.testing.SyntheticFiles;
import dev.encore.eval.RandomSplitter;
import dev.encore.hybrid.Blend;
import dev.encore.hybrid.ScoreNormalization;
import dev.encore.store.testing.TestDatabase;
import dev.encore.tune.AutoSettings;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class StoredModelTrainerTest {
  private static final AlsConfig SMALL = AlsConfig.defaults().withFactors(8).withIterations(4).withThreads(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameter
  TestDatabase database;

  @TempDir
  Path folder;

  Path dataDirectory;
  EncoreStore store;
  StoredModelTrainer trainer;

  @BeforeEach
  void open() throws IOException {
    dataDirectory = folder.resolve("data");
    store = database.open(dataDirectory);
    SyntheticFiles files = SyntheticFiles.tiny(folder);
    Importer importer = new Importer(store, ImportOptions.defaults(Instant.EPOCH));
    importer.importTracks(files.tracks(), ImportListener.NONE);
    importer.importPlays(files.plays(), PlayFileFormat.TSV, ImportListener.NONE);
    trainer = new StoredModelTrainer(store, dataDirectory);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void trainsOnTheStoredPlaysWritesTheFileAndRecordsItReadyWithMetrics() throws IOException {
    ModelRecord ready = trainer.train(SMALL, TrainingListener.NONE);

    assertThat(ready.status()).isEqualTo(ModelRecord.READY);
    assertThat(Path.of(ready.file())).isEqualTo(dataDirectory.toAbsolutePath().resolve("models/model-" + ready.version() + ".encore"));
    assertThat(store.models().latestReady()).contains(ready);
    JsonNode metrics = JSON.readTree(ready.metricsJson());
    assertThat(metrics.get("evaluated").asBoolean()).isTrue();
    assertThat(metrics.at("/als/precision@10").asDouble()).isBetween(0.0, 1.0);
    assertThat(metrics.at("/popularity/ndcg@10").isNumber()).isTrue();
    JsonNode settings = JSON.readTree(ready.settingsJson());
    assertThat(settings.at("/als/factors").asInt()).isEqualTo(8);
    assertThat(settings.at("/aggregation/kind").asText()).isEqualTo("sum");

    // The same settings trained directly on the aggregated plays give the very same factors.
    FactorModel saved = ModelFile.load(Path.of(ready.file()));
    Interactions plays = store.plays().interactions(PlayAggregation.sum());
    FactorModel direct = new AlsTrainer(SMALL).fit(plays);
    assertThat(saved.users().ids()).isEqualTo(direct.users().ids());
    assertThat(saved.itemFactors()).isEqualTo(direct.itemFactors());
    assertThat(saved.userFactors()).isEqualTo(direct.userFactors());
  }

  @Test
  void modelFilesAndTheirFolderAreOwnerOnly() throws IOException {
    assumeTrue(OwnerOnly.supported(folder), "POSIX permissions are not supported here");
    Path models = dataDirectory.resolve(StoredModelTrainer.MODELS_FOLDER);
    Files.createDirectories(models, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

    ModelRecord ready = trainer.train(SMALL, TrainingListener.NONE);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(ready.file()))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(models))).as("narrowed, it was open")
        .isEqualTo("rwx------");
  }

  @Test
  void theListenerHearsTheEvaluationFitThenTheFinalFit() {
    AtomicInteger starts = new AtomicInteger();
    AtomicInteger iterations = new AtomicInteger();

    trainer.train(SMALL, new TrainingListener() {
      @Override
      public void started(AlsConfig config, int users, int items, long entries) {
        starts.incrementAndGet();
      }

      @Override
      public void iterationFinished(IterationStats stats) {
        iterations.incrementAndGet();
      }
    });

    assertThat(starts).hasValue(2);
    assertThat(iterations).hasValue(2 * SMALL.iterations());
  }

  @Test
  void aFailedTrainingIsRecordedFailedAndLeavesTheReadyModelAndItsFileAlone() throws IOException {
    ModelRecord good = trainer.train(SMALL, TrainingListener.NONE);
    byte[] goodBytes = Files.readAllBytes(Path.of(good.file()));
    TrainingListener crashing = new TrainingListener() {
      @Override
      public void iterationFinished(IterationStats stats) {
        if (stats.iteration() == 2) {
          throw new IllegalStateException("simulated crash in iteration 2");
        }
      }
    };

    assertThatThrownBy(() -> trainer.train(SMALL, crashing))
        .isInstanceOfSatisfying(ModelTrainingException.class, e -> {
          assertThat(e.version()).isEqualTo(good.version() + 1);
          assertThat(e).hasMessageContaining("simulated crash in iteration 2");
        });

    ModelRecord failed = store.models().find(good.version() + 1).orElseThrow();
    assertThat(failed.status()).isEqualTo(ModelRecord.FAILED);
    assertThat(failed.error()).isEqualTo("simulated crash in iteration 2");
    assertThat(failed.file()).isNull();
    assertThat(store.models().latestReady()).contains(good);
    assertThat(Files.readAllBytes(Path.of(good.file()))).isEqualTo(goodBytes);
    try (Stream<Path> files = Files.list(dataDirectory.resolve(StoredModelTrainer.MODELS_FOLDER))) {
      assertThat(files.map(path -> path.getFileName().toString())).containsExactly("model-" + good.version() + ".encore");
    }
  }

  @Test
  void trainingWithoutPlaysFailsWithTheReason() {
    try (EncoreStore empty = database.open(folder.resolve("empty"))) {
      StoredModelTrainer emptyTrainer = new StoredModelTrainer(empty, folder.resolve("empty"));

      assertThatThrownBy(() -> emptyTrainer.train(SMALL, TrainingListener.NONE))
          .isInstanceOf(ModelTrainingException.class)
          .hasMessageContaining("the database holds no plays");
      assertThat(empty.models().list()).singleElement().extracting(ModelRecord::status).isEqualTo(ModelRecord.FAILED);
    }
  }

  @Test
  void aModelFileIsReplacedAtomicallySoReadersSeeTheOldModelOrTheNewNeverAPart() throws Exception {
    // A model file left by an earlier database at the path the next version will take.
    Path target = trainer.modelFile(1);
    FactorModel old = new AlsTrainer(SMALL.withFactors(4)).fit(store.plays().interactions(PlayAggregation.sum()));
    ModelFile.save(old, target);
    AtomicBoolean training = new AtomicBoolean(true);
    AtomicReference<Throwable> readerError = new AtomicReference<>();
    AtomicInteger oldSeen = new AtomicInteger();
    AtomicInteger newSeen = new AtomicInteger();
    Thread reader = new Thread(() -> {
      try {
        while (training.get()) {
          int factors = ModelFile.load(target).factors();
          (factors == 4 ? oldSeen : newSeen).incrementAndGet();
        }
      } catch (Throwable e) {
        readerError.set(e);
      }
    });
    reader.start();
    while (oldSeen.get() == 0 && readerError.get() == null) {
      Thread.onSpinWait();
    }

    ModelRecord ready = trainer.train(SMALL, TrainingListener.NONE);
    training.set(false);
    reader.join();

    assertThat(readerError.get()).isNull();
    assertThat(ready.version()).isEqualTo(1);
    assertThat(oldSeen.get()).isPositive();
    assertThat(ModelFile.load(target).factors()).isEqualTo(SMALL.factors());
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertThat(files.map(path -> path.getFileName().toString())).containsExactly(target.getFileName().toString());
    }
  }

  @Test
  void anInstalledModelIsWrittenToItsVersionsFileAndRecordedReadyWithItsSourceAndMetrics() throws IOException {
    ModelRecord trained = trainer.train(SMALL, TrainingListener.NONE);
    FactorModel elsewhere = new AlsTrainer(SMALL.withFactors(5)).fit(store.plays().interactions(PlayAggregation.sum()));
    Path source = folder.resolve("from-spark");
    AtomicLong preparedFor = new AtomicLong();

    StoredModelTrainer.Recorded<String> installed = trainer.install(elsewhere, source, "{\"precision@10\":0.25}",
        (version, model, blend) -> {
          preparedFor.set(version);
          assertThat(store.models().find(version).orElseThrow().status()).isEqualTo(ModelRecord.TRAINING);
          return "prepared " + version;
        });

    ModelRecord ready = installed.record();
    assertThat(ready.version()).isEqualTo(trained.version() + 1);
    assertThat(installed.prepared()).isEqualTo("prepared " + ready.version());
    assertThat(preparedFor).hasValue(ready.version());
    assertThat(ready.status()).isEqualTo(ModelRecord.READY);
    assertThat(store.models().latestReady()).contains(ready);
    assertThat(Path.of(ready.file())).isEqualTo(trainer.modelFile(ready.version()));
    assertThat(JSON.readTree(ready.metricsJson()).get("precision@10").asDouble()).isEqualTo(0.25);
    JsonNode settings = JSON.readTree(ready.settingsJson());
    assertThat(settings.get("installedFrom").asText()).isEqualTo(source.toAbsolutePath().toString());
    assertThat(settings.at("/als/factors").asInt()).isEqualTo(5);
    FactorModel stored = ModelFile.load(Path.of(ready.file()));
    assertThat(stored.users().ids()).isEqualTo(elsewhere.users().ids());
    assertThat(stored.userFactors()).isEqualTo(elsewhere.userFactors());
    assertThat(stored.itemFactors()).isEqualTo(elsewhere.itemFactors());
  }

  @Test
  void anInstalledModelKeepsTheIndexItCameWithUnlessItWasBuiltForOtherFactors() throws IOException {
    IndexPolicy always = new IndexPolicy(0, 0.5);
    StoredModelTrainer indexing = new StoredModelTrainer(store, dataDirectory, PromotionPolicy.defaults(), always);
    Interactions plays = store.plays().interactions(PlayAggregation.sum());
    FactorModel elsewhere = new AlsTrainer(SMALL.withFactors(5)).fit(plays);
    Path source = folder.resolve("spark-output");
    ModelDirectory.save(elsewhere, source, 2, 2);
    // Seven lists asked (a list or more per norm band): fewer than a build with the defaults
    // makes, so a rebuilt index shows.
    IndexSettings seven = IndexSettings.defaults(1).withLists(7);
    int shippedLists = ModelIndexes.build(elsewhere, source, always, seven).index().orElseThrow().quality().lists();
    byte[] shipped = Files.readAllBytes(IndexFile.forModel(source));

    ModelRecord kept = indexing.install(elsewhere, source, "{}", (version, model, blend) -> model).record();
    assertThat(Files.readAllBytes(IndexFile.forModel(Path.of(kept.file())))).isEqualTo(shipped);
    assertThat(JSON.readTree(kept.metricsJson()).at("/index/lists").asInt()).isEqualTo(shippedLists);

    FactorModel other = new AlsTrainer(SMALL.withFactors(5).withSeed(99)).fit(plays);
    ModelIndexes.build(other, source, always, seven);
    ModelRecord rebuilt = indexing.install(elsewhere, source, "{}", (version, model, blend) -> model).record();
    JsonNode index = JSON.readTree(rebuilt.metricsJson()).get("index");
    assertThat(index.get("lists").asInt()).isGreaterThan(shippedLists);
    assertThat(index.get("servedBy").asText()).isEqualTo("index");
    assertThat(IndexFile.load(IndexFile.forModel(Path.of(rebuilt.file())), elsewhere.itemFactors(),
        elsewhere.items().size(), elsewhere.factors()).quality().lists()).isEqualTo(index.get("lists").asInt());
  }

  @Test
  void anInstallWhosePreparationFailsIsRecordedFailedAndWritesNoFile() throws IOException {
    ModelRecord good = trainer.train(SMALL, TrainingListener.NONE);
    FactorModel elsewhere = ModelFile.load(Path.of(good.file()));

    assertThatThrownBy(() -> trainer.install(elsewhere, folder.resolve("big"), "{}", (version, model, blend) -> {
      throw new OutOfMemoryError("simulated: too large to serve");
    })).isInstanceOfSatisfying(ModelTrainingException.class, e -> {
      assertThat(e.version()).isEqualTo(good.version() + 1);
      assertThat(e).hasMessageStartingWith("installing model version " + e.version() + " failed")
          .hasMessageContaining("too large to serve");
    });

    ModelRecord failed = store.models().find(good.version() + 1).orElseThrow();
    assertThat(failed.status()).isEqualTo(ModelRecord.FAILED);
    assertThat(failed.error()).isEqualTo("simulated: too large to serve");
    assertThat(store.models().latestReady()).contains(good);
    assertThat(trainer.modelFile(failed.version())).doesNotExist();
  }

  @Test
  void aHalfLifeRunRecordsItsAggregation() throws IOException {
    TrainingSettings settings = TrainingSettings.of(SMALL)
        .withAggregation(PlayAggregation.halfLife(Duration.ofDays(30), Instant.EPOCH))
        .withEvaluation(0, 1, 10);

    ModelRecord ready = trainer.train(settings, TrainingListener.NONE);

    JsonNode recorded = JSON.readTree(ready.settingsJson());
    assertThat(recorded.at("/aggregation/kind").asText()).isEqualTo("halfLife");
    assertThat(recorded.at("/aggregation/halfLife").asText()).isEqualTo("PT720H");
    assertThat(JSON.readTree(ready.metricsJson()).get("evaluated").asBoolean()).isFalse();
    assertThat(ModelFile.load(Path.of(ready.file())).factors()).isEqualTo(8);
  }

  @Test
  void aTrainingWorseThanTheServingVersionIsReadyButNotPromoted() throws IOException {
    ModelRecord good = trainer.train(SMALL, TrainingListener.NONE);
    double goodPrecision = JSON.readTree(good.metricsJson()).at("/als/precision@10").asDouble();

    // No iterations: the random initial factors, which rank far worse than the trained ones.
    StoredModelTrainer.Recorded<Long> untrained = trainer.train(
        TrainingSettings.of(SMALL.withIterations(0)), TrainingListener.NONE, (version, model, blend) -> {
          assertThat(store.models().find(version).orElseThrow().status()).isEqualTo(ModelRecord.TRAINING);
          return version;
        });

    ModelRecord held = untrained.record();
    assertThat(untrained.prepared()).isEqualTo(held.version());
    assertThat(held.status()).isEqualTo(ModelRecord.READY);
    assertThat(Path.of(held.file())).exists();
    Promotion decision = untrained.promotion();
    assertThat(decision.promoted()).as(decision.reason()).isFalse();
    assertThat(decision.serving()).isEqualTo(goodPrecision);
    assertThat(decision.candidate()).isLessThan(goodPrecision * (1 - PromotionPolicy.DEFAULT_TOLERANCE));
    assertThat(decision.reason()).startsWith("not promoted: precision@10 ");
    assertThat(store.models().serving().servingVersion()).isEqualTo(good.version());
    assertThat(good.promotedAt()).isNotNull();
  }

  @Test
  void aPromotionPolicyOfTheTrainersOwnDecides() {
    ModelRecord good = trainer.train(SMALL, TrainingListener.NONE);
    StoredModelTrainer lenient = new StoredModelTrainer(store, dataDirectory, new PromotionPolicy("precision@10", 0.99));

    ModelRecord untrained = lenient.train(SMALL.withIterations(0), TrainingListener.NONE);

    assertThat(Promotion.fromJson(untrained.promotionJson()).orElseThrow().promoted()).isTrue();
    assertThat(store.models().serving().servingVersion()).isEqualTo(untrained.version()).isNotEqualTo(good.version());
  }

  @Test
  void anAutomaticTrainingChoosesOnTheEvaluationsTrainingPartAndServesTheChoiceTrainedOnEveryPlay()
      throws IOException {
    AutoTuning auto = AutoTuning.within(Duration.ofSeconds(60)).withMaxCandidates(3);
    TrainingSettings settings = TrainingSettings.of(SMALL.withComputeLoss(true)).withAuto(auto);
    AtomicInteger candidatesHeard = new AtomicInteger();
    AtomicInteger fitsHeard = new AtomicInteger();
    class Both implements TrainingListener, AutoSettings.Listener {
      @Override
      public void started(AlsConfig config, int users, int items, long entries) {
        fitsHeard.incrementAndGet();
      }

      @Override
      public void candidateFinished(AutoSettings.Candidate candidate, int done) {
        candidatesHeard.incrementAndGet();
      }
    }

    ModelRecord ready = trainer.train(settings, new Both());

    // The same search by hand on the training part of the same split: the same choice and score.
    Interactions plays = store.plays().interactions(PlayAggregation.sum());
    Interactions trainPart = new RandomSplitter(settings.testFraction(), settings.splitSeed()).split(plays).train();
    AutoSettings.Result byHand = new AutoSettings(auto.budget(), settings.k(), SMALL.threads(), 3)
        .choose(trainPart, SMALL, AutoSettings.Listener.NONE);
    JsonNode metrics = JSON.readTree(ready.metricsJson());
    assertThat(metrics.at("/auto/validationScore").asDouble()).isEqualTo(byHand.score());
    assertThat(metrics.at("/auto/candidates")).hasSize(byHand.candidates().size());
    assertThat(metrics.at("/als/precision@10").isNumber()).isTrue();
    JsonNode recorded = JSON.readTree(ready.settingsJson());
    assertThat(recorded.at("/als/factors").asInt()).isEqualTo(byHand.chosen().factors());
    assertThat(recorded.at("/als/regularization").floatValue()).isEqualTo(byHand.chosen().regularization());
    assertThat(recorded.at("/als/computeLoss").asBoolean()).as("the served fit keeps the loss").isTrue();
    assertThat(recorded.at("/auto/startedFrom/factors").asInt()).isEqualTo(SMALL.factors());
    assertThat(candidatesHeard).hasValue(byHand.candidates().size());
    assertThat(fitsHeard).as("the evaluation fit and the final fit").hasValue(2);
    FactorModel saved = ModelFile.load(Path.of(ready.file()));
    FactorModel direct = new AlsTrainer(byHand.chosen()).fit(plays);
    assertThat(saved.itemFactors()).isEqualTo(direct.itemFactors());
  }

  @Test
  void aTrainingWithoutEvaluationChoosesOnEveryPlay() throws IOException {
    TrainingSettings settings = TrainingSettings.of(SMALL).withEvaluation(0, 1, 10)
        .withAuto(AutoTuning.within(Duration.ofSeconds(60)).withMaxCandidates(2));

    ModelRecord ready = trainer.train(settings, TrainingListener.NONE);

    AutoSettings.Result byHand = new AutoSettings(Duration.ofSeconds(60), 10, SMALL.threads(), 2)
        .choose(store.plays().interactions(PlayAggregation.sum()), SMALL, AutoSettings.Listener.NONE);
    JsonNode metrics = JSON.readTree(ready.metricsJson());
    assertThat(metrics.get("evaluated").asBoolean()).isFalse();
    assertThat(metrics.at("/auto/validationScore").asDouble()).isEqualTo(byHand.score());
  }

  @Test
  void theDefaultsChooseTheirSettingsAndOfKeepsTheGivenOnes() {
    assertThat(TrainingSettings.defaults().auto().enabled()).isTrue();
    assertThat(TrainingSettings.defaults().auto().budget()).isEqualTo(AutoSettings.DEFAULT_BUDGET);
    assertThat(TrainingSettings.of(SMALL).auto().enabled()).isFalse();
    assertThatThrownBy(() -> AutoTuning.within(Duration.ZERO)).hasMessageContaining("must be positive");
  }

  @Test
  void aPreparationThatFailsRemovesTheWrittenFile() {
    assertThatThrownBy(() -> trainer.train(TrainingSettings.of(SMALL), TrainingListener.NONE, (version, model, blend) -> {
      assertThat(trainer.modelFile(version)).exists();
      throw new IllegalStateException("simulated: cannot build the serving snapshot");
    })).isInstanceOf(ModelTrainingException.class).hasMessageContaining("cannot build the serving snapshot");

    ModelRecord failed = store.models().list().get(0);
    assertThat(failed.status()).isEqualTo(ModelRecord.FAILED);
    assertThat(trainer.modelFile(failed.version())).doesNotExist();
    assertThat(store.models().serving().serving()).isEmpty();
  }

  @Test
  void theHybridBlendIsChosenOnValidationByTheCoverageRuleAndServedWithTheVersion() throws IOException {
    StoredModelTrainer.Recorded<Blend> recorded = trainer.train(TrainingSettings.of(SMALL), TrainingListener.NONE,
        (version, model, blend) -> blend);

    JsonNode metrics = JSON.readTree(recorded.record().metricsJson());
    assertThat(metrics.at("/content/ndcg@10").asDouble()).isBetween(0.0, 1.0);
    assertThat(metrics.at("/hybrid/coverage@10").asDouble()).isBetween(0.0, 1.0);
    JsonNode search = metrics.get("blend");
    double floor = search.get("coverageFloor").asDouble();
    double bestEligible = Double.NEGATIVE_INFINITY;
    JsonNode alsAlone = null;
    for (JsonNode candidate : search.get("candidates")) {
      boolean eligible = candidate.get("coverage@10").asDouble() >= floor;
      assertThat(candidate.get("eligible").asBoolean()).isEqualTo(eligible);
      if (eligible) {
        bestEligible = Math.max(bestEligible, candidate.get("ndcg@10").asDouble());
      }
      JsonNode weights = candidate.get("blend");
      if (weights.get("content").asDouble() == 0 && weights.get("popularity").asDouble() == 0) {
        alsAlone = candidate;
      }
    }
    assertThat(alsAlone).as("ALS alone is always a candidate").isNotNull();
    assertThat(alsAlone.get("coverage@10").asDouble()).isEqualTo(floor);
    Blend chosen = recorded.record().servingBlend();
    JsonNode chosenCandidate = null;
    for (JsonNode candidate : search.get("candidates")) {
      if (candidate.get("blend").equals(search.get("chosen"))) {
        chosenCandidate = candidate;
      }
    }
    assertThat(chosenCandidate.get("ndcg@10").asDouble()).isEqualTo(bestEligible);
    assertThat(chosen).isEqualTo(new Blend(search.at("/chosen/als").asDouble(), search.at("/chosen/content").asDouble(),
        search.at("/chosen/popularity").asDouble(), ScoreNormalization.Z_SCORE));
    assertThat(recorded.prepared()).as("the blend the server builds its snapshot with").isEqualTo(chosen);
  }

  @Test
  void withoutTrackFeaturesNoBlendIsChosenAndTheDefaultServes() throws IOException {
    try (EncoreStore bare = database.open(folder.resolve("bare"))) {
      new Importer(bare, ImportOptions.defaults(Instant.EPOCH))
          .importPlays(SyntheticFiles.tiny(folder).plays(), PlayFileFormat.TSV, ImportListener.NONE);
      StoredModelTrainer.Recorded<Blend> recorded = new StoredModelTrainer(bare, folder.resolve("bare"))
          .train(TrainingSettings.of(SMALL), TrainingListener.NONE, (version, model, blend) -> blend);
      JsonNode metrics = JSON.readTree(recorded.record().metricsJson());
      assertThat(metrics.has("blend")).isFalse();
      assertThat(metrics.has("hybrid")).isFalse();
      assertThat(recorded.prepared()).isEqualTo(Blend.DEFAULT);
      assertThat(recorded.record().servingBlend()).isEqualTo(Blend.DEFAULT);
    }
  }
}
