package dev.encore.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.model.FactorModel;
import dev.encore.model.ModelFile;
import dev.encore.model.ModelFileException;
import dev.encore.store.EncoreStore;
import dev.encore.store.ModelRecord;
import dev.encore.store.ModelTrainingException;
import dev.encore.store.StoredModelTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Installs a model trained elsewhere (a model file, or the model directory the Spark job writes)
 * in the running server as a new version, served at once if its metrics let it be promoted (see
 * {@link dev.encore.store.PromotionPolicy}). It is loaded and checked first, so a wrong path or a
 * corrupt model is a 400 that records nothing; then {@link StoredModelTrainer} records it and copies
 * it into the data directory, and {@link TrainingJobs} offers it as it offers a finished training.
 */
final class ModelInstaller {
  /** The evaluation report the Spark job writes inside its model directory. */
  static final String EVALUATION_FILE = "evaluation.json";
  static final String NOT_EVALUATED = "{\"evaluated\":false,\"reason\":\"installed without an evaluation\"}";

  /**
   * When an installed model's plays were read, for fold-in: unknown, since they came from files the
   * server never read, so every listener folded in before the install is folded in again against
   * it from their stored plays (the database is the truth).
   */
  private static final Instant PLAYS_READ_AT_UNKNOWN_TIME = Instant.MIN;

  private final EncoreStore store;
  private final StoredModelTrainer trainer;
  private final TrainingJobs jobs;
  private final ObjectMapper mapper;

  ModelInstaller(EncoreStore store, StoredModelTrainer trainer, TrainingJobs jobs, ObjectMapper mapper) {
    this.store = store;
    this.trainer = trainer;
    this.jobs = jobs;
    this.mapper = mapper;
  }

  /** The installed version's record, once it is ready (and served if promoted); a 409 while a training runs. */
  ModelRecord install(InstallRequest request) {
    Path source = request.source();
    FactorModel model = load(source);
    String metrics = request.metrics() != null ? request.metrics().toString() : evaluationInside(source);
    try {
      TrainingJob job = jobs.install(TrainingPlan.exactly(model.settings()), () -> {
        StoredModelTrainer.Recorded<ServingSnapshot> recorded = trainer.install(model, source, metrics,
            (version, copy, blend) -> ServingSnapshot.ofModel(version, model, store.tracks().features(), blend,
                PLAYS_READ_AT_UNKNOWN_TIME));
        return new ModelTraining.TrainedModel(recorded.record(), recorded.prepared());
      });
      return store.models().find(job.modelVersion()).orElseThrow();
    } catch (ModelTrainingException e) {
      Throwable cause = e.getCause();
      throw new ApiException(500, "install_failed", "Installing " + source + " as model version " + e.version()
          + " failed (" + (cause.getMessage() == null ? cause.toString() : cause.getMessage()) + "): the version is"
          + " recorded as failed and the serving model is unchanged.");
    }
  }

  /** The model at {@code source}; a 400 with the loader's reason (which file or part is wrong) if it cannot load. */
  private static FactorModel load(Path source) {
    try {
      return ModelFile.load(source);
    } catch (ModelFileException e) {
      throw ApiException.badRequest("invalid_model", e.getMessage() + ".");
    } catch (IOException e) {
      throw ApiException.badRequest("invalid_model", "model " + source + " cannot be read: " + e + ".");
    }
  }

  /** The Spark job's evaluation inside a model directory, whole, or a note that there is none. */
  private String evaluationInside(Path source) {
    Path evaluation = source.resolve(EVALUATION_FILE);
    if (!Files.isDirectory(source) || !Files.isRegularFile(evaluation)) {
      return NOT_EVALUATED;
    }
    try {
      JsonNode report = mapper.readTree(evaluation.toFile());
      if (report == null || !report.isObject()) {
        throw ApiException.badRequest("invalid_evaluation", evaluation + " is not a JSON object: fix or delete it,"
            + " or send the metrics in the request's 'metrics' field.");
      }
      return report.toString();
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("invalid_evaluation", evaluation + " is not valid JSON ("
          + e.getOriginalMessage() + "): fix or delete it, or send the metrics in the request's 'metrics' field.");
    } catch (IOException e) {
      throw ApiException.badRequest("invalid_evaluation", evaluation + " cannot be read: " + e + ".");
    }
  }
}
