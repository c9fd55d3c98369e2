package dev.encore.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.store.EncoreStore;
import dev.encore.store.ModelRecord;
import dev.encore.store.PromotionPolicy;
import dev.encore.store.ServingState;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Training on demand (an asynchronous job to poll), installing a model trained elsewhere, the
 * recorded model versions, and the operator's hand on which one serves: promote (or roll back),
 * pin, unpin, delete.
 */
final class ModelRoutes {
  private final EncoreStore store;
  private final LiveModel live;
  private final TrainingJobs jobs;
  private final ModelInstaller installer;
  private final ModelLifecycle lifecycle;
  private final JsonBodies bodies;
  private final ObjectMapper mapper;
  private final ServerConfig config;

  ModelRoutes(EncoreStore store, LiveModel live, TrainingJobs jobs, ModelInstaller installer, ModelLifecycle lifecycle,
      JsonBodies bodies, ObjectMapper mapper, ServerConfig config) {
    this.store = store;
    this.live = live;
    this.jobs = jobs;
    this.installer = installer;
    this.lifecycle = lifecycle;
    this.bodies = bodies;
    this.mapper = mapper;
    this.config = config;
  }

  void register(Javalin app) {
    app.post("/v1/models/train", this::train, Access.WRITE);
    app.post("/v1/models/install", this::install, Access.WRITE);
    app.post("/v1/models/unpin", this::unpin, Access.WRITE);
    app.post("/v1/models/{version}/promote", ctx -> ctx.json(view(lifecycle.promote(pathNumber(ctx, "version")))),
        Access.WRITE);
    app.post("/v1/models/{version}/pin", ctx -> ctx.json(view(lifecycle.pin(pathNumber(ctx, "version")))),
        Access.WRITE);
    app.delete("/v1/models/{version}", ctx -> ctx.json(lifecycle.delete(pathNumber(ctx, "version"))), Access.WRITE);
    app.get("/v1/models/jobs/{id}", this::job, Access.READ);
    app.post("/v1/models/jobs/{id}/cancel", ctx -> ctx.status(202).json(jobs.cancel(pathNumber(ctx, "id")).view()),
        Access.WRITE);
    app.get("/v1/models", this::list, Access.READ);
    app.get("/v1/models/{version}", this::find, Access.READ);
  }

  private void train(Context ctx) {
    TrainingPlan plan = bodies.readOptional(ctx, TrainRequest.class, TrainRequest.NONE).applyTo(config.training());
    config.trainingLimits().check(plan);
    TrainingJob job = jobs.submit(plan, "request");
    ctx.status(202).header("Location", "/v1/models/jobs/" + job.id()).json(job.view());
  }

  /** Synchronous, unlike training: loading, copying and swapping a trained model takes no fit. */
  private void install(Context ctx) {
    ModelRecord installed = installer.install(bodies.read(ctx, InstallRequest.class));
    ctx.status(201).header("Location", "/v1/models/" + installed.version()).json(view(installed));
  }

  private void unpin(Context ctx) {
    Optional<Long> unpinned = lifecycle.unpin();
    ctx.json(new Unpinned(unpinned.orElse(null), live.snapshot().modelVersion()));
  }

  private void job(Context ctx) {
    long id = pathNumber(ctx, "id");
    ctx.json(jobs.find(id).orElseThrow(() -> ApiException.notFound("unknown_job", "No training job " + id
        + " on this server (jobs are kept in memory, the last 50): see GET /v1/models for every model version."))
        .view());
  }

  private void list(Context ctx) {
    ServingState state = store.models().serving();
    long serving = live.snapshot().modelVersion();
    List<ModelRecord> records = store.models().list();
    List<ModelView> models = records.stream().map(record -> view(record, serving, state)).toList();
    List<Long> filesRemoved = records.stream().filter(record -> record.fileRemovedAt() != null)
        .map(ModelRecord::version).toList();
    ctx.json(new ModelList(serving, state.pinnedVersion().orElse(null), config.promotion(),
        new Retention(config.keepModels(), filesRemoved), jobs.active().map(TrainingJob::view).orElse(null), models));
  }

  private void find(Context ctx) {
    long version = pathNumber(ctx, "version");
    ctx.json(view(store.models().find(version).orElseThrow(() -> ApiException.unknownModel(version))));
  }

  private ModelView view(ModelRecord record) {
    return view(record, live.snapshot().modelVersion(), store.models().serving());
  }

  private ModelView view(ModelRecord record, long serving, ServingState state) {
    List<Double> loss = jobs.recent().stream()
        .filter(job -> !job.isInstall() && job.modelVersion() != null && job.modelVersion() == record.version())
        .findFirst().map(TrainingJob::loss).orElse(null);
    return new ModelView(record.version(), record.status(), record.version() == serving,
        state.pinned() && state.isServing(record.version()), json(record.settingsJson()), json(record.metricsJson()),
        json(record.promotionJson()), record.promotedAt(), record.fileRemovedAt() != null, record.fileRemovedAt(),
        loss, record.createdAt(), record.finishedAt(), record.error());
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
   * known for versions this server process trained (null for older and for installed ones);
   * {@code promotion} is the decision taken when it became ready (whether it went live and why,
   * with both metric values); {@code fileRemoved} says retention deleted its model file.
   */
  record ModelView(long version, String status, boolean serving, boolean pinned, JsonNode settings,
      JsonNode metrics, JsonNode promotion, Instant promotedAt, boolean fileRemoved, Instant fileRemovedAt,
      List<Double> trainingLoss, Instant createdAt, Instant finishedAt, String error) {}

  /** How many versions keep their model files, and the versions whose files retention removed. */
  record Retention(int keepModels, List<Long> filesRemoved) {}

  record ModelList(long servingVersion, Long pinnedVersion, PromotionPolicy promotion, Retention retention,
      TrainingJob.TrainingJobView activeJob, List<ModelView> models) {}

  /** The answer to an unpin: the version that was pinned (absent if none was) and the one serving. */
  record Unpinned(Long unpinned, long servingVersion) {}
}
