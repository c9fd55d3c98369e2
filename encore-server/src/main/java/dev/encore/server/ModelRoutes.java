package dev.encore.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.als.AlsConfig;
import dev.encore.store.EncoreStore;
import dev.encore.store.ModelRecord;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/**
 * Training on demand (an asynchronous job to poll), installing a model trained elsewhere, and the
 * recorded model versions.
 */
final class ModelRoutes {
  private final EncoreStore store;
  private final LiveModel live;
  private final TrainingJobs jobs;
  private final ModelInstaller installer;
  private final JsonBodies bodies;
  private final ObjectMapper mapper;
  private final AlsConfig training;

  ModelRoutes(EncoreStore store, LiveModel live, TrainingJobs jobs, ModelInstaller installer, JsonBodies bodies,
      ObjectMapper mapper, AlsConfig training) {
    this.store = store;
    this.live = live;
    this.jobs = jobs;
    this.installer = installer;
    this.bodies = bodies;
    this.mapper = mapper;
    this.training = training;
  }

  void register(Javalin app) {
    app.post("/v1/models/train", this::train, Access.WRITE);
    app.post("/v1/models/install", this::install, Access.WRITE);
    app.get("/v1/models/jobs/{id}", this::job, Access.READ);
    app.get("/v1/models", this::list, Access.READ);
    app.get("/v1/models/{version}", this::find, Access.READ);
  }

  private void train(Context ctx) {
    AlsConfig settings = bodies.readOptional(ctx, TrainRequest.class, TrainRequest.NONE).applyTo(training);
    TrainingJob job = jobs.submit(settings, "request");
    ctx.status(202).header("Location", "/v1/models/jobs/" + job.id()).json(job.view());
  }

  /** Synchronous, unlike training: loading, copying and swapping a trained model takes no fit. */
  private void install(Context ctx) {
    ModelRecord installed = installer.install(bodies.read(ctx, InstallRequest.class));
    ctx.status(201).header("Location", "/v1/models/" + installed.version())
        .json(view(installed, live.snapshot().modelVersion()));
  }

  private void job(Context ctx) {
    long id = pathNumber(ctx, "id");
    ctx.json(jobs.find(id).orElseThrow(() -> ApiException.notFound("unknown_job", "No training job " + id
        + " on this server (jobs are kept in memory, the last 50): see GET /v1/models for every model version."))
        .view());
  }

  private void list(Context ctx) {
    long serving = live.snapshot().modelVersion();
    List<ModelView> models = store.models().list().stream().map(record -> view(record, serving)).toList();
    ctx.json(new ModelList(serving, jobs.active().map(TrainingJob::view).orElse(null), models));
  }

  private void find(Context ctx) {
    long version = pathNumber(ctx, "version");
    ModelRecord record = store.models().find(version).orElseThrow(() -> ApiException.notFound("unknown_model",
        "No model version " + version + ": GET /v1/models lists them."));
    ctx.json(view(record, live.snapshot().modelVersion()));
  }

  private ModelView view(ModelRecord record, long serving) {
    List<Double> loss = jobs.recent().stream()
        .filter(job -> !job.isInstall() && job.modelVersion() != null && job.modelVersion() == record.version())
        .findFirst().map(TrainingJob::loss).orElse(null);
    return new ModelView(record.version(), record.status(), record.version() == serving, json(record.settingsJson()),
        json(record.metricsJson()), loss, record.createdAt(), record.finishedAt(), record.error());
  }

  private JsonNode json(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return mapper.readTree(text);
    } catch (JsonProcessingException e) {
      return mapper.getNodeFactory().textNode(text);
    }
  }

  private static long pathNumber(Context ctx, String name) {
    String text = ctx.pathParam(name);
    try {
      long value = Long.parseLong(text);
      if (value >= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below with the rule.
    }
    throw ApiException.invalidParameter(name, text, "must be a whole number >= 1");
  }

  /**
   * A model version as recorded; {@code trainingLoss} is the loss per iteration of its final fit,
   * known for versions this server process trained (null for older and for installed ones).
   */
  record ModelView(long version, String status, boolean serving, JsonNode settings, JsonNode metrics,
      List<Double> trainingLoss, Instant createdAt, Instant finishedAt, String error) {}

  record ModelList(long servingVersion, TrainingJob.TrainingJobView activeJob, List<ModelView> models) {}
}
