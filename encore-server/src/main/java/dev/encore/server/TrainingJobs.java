package dev.encore.server;

import dev.encore.store.Promotion;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retraining in the background, one run at a time, on demand and on a schedule. A run that
 * succeeds is offered to the {@link Promoter}, which swaps it in if it was promoted; a run that
 * fails is recorded (by the trainer, in the models table) and the serving model stays as it was.
 * Installing a model
 * trained elsewhere takes the same one slot, so a run and an install never swap models under each
 * other: each is refused with a 409 while the other is going.
 */
final class TrainingJobs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingJobs.class);
  private static final int JOBS_KEPT = 50;

  private final ModelTraining training;
  private final Promoter promoter;
  private final Clock clock;
  private final Duration timeLimit;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(daemon("encore-training"));
  private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(daemon("encore-retrain"));
  private final Map<Long, TrainingJob> jobs = new ConcurrentHashMap<>();
  private final AtomicReference<TrainingJob> active = new AtomicReference<>();
  private final AtomicLong nextId = new AtomicLong(1);

  TrainingJobs(ModelTraining training, Promoter promoter, Clock clock) {
    this(training, promoter, clock, TrainingLimits.DEFAULT_MAX_TRAINING_TIME);
  }

  /** @param timeLimit the longest one run may take before it is stopped and recorded failed */
  TrainingJobs(ModelTraining training, Promoter promoter, Clock clock, Duration timeLimit) {
    this.timeLimit = timeLimit;
    this.training = training;
    this.promoter = promoter;
    this.clock = clock;
  }

  /** Retrains every {@code period} with {@code plan}, skipping a turn while a run is going. */
  void retrainEvery(Duration period, TrainingPlan plan) {
    long millis = period.toMillis();
    schedule.scheduleWithFixedDelay(() -> {
      try {
        trySubmit(plan, "schedule");
      } catch (RuntimeException e) {
        LOG.warn("scheduled retraining could not start", e);
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Starts a run; a 409 naming the running job if one is queued or running. */
  TrainingJob submit(TrainingPlan plan, String trigger) {
    return trySubmit(plan, trigger).orElseThrow(this::busy);
  }

  /** Starts a run unless one is active. */
  Optional<TrainingJob> trySubmit(TrainingPlan plan, String trigger) {
    Optional<TrainingJob> claimed = claim(plan, trigger);
    claimed.ifPresent(job -> worker.execute(() -> run(job)));
    return claimed;
  }

  /**
   * Installs a model trained elsewhere on the caller's thread, as a job with trigger
   * {@value TrainingJob#INSTALL}: {@code recordAndPrepare} records it as a new version and returns
   * it with the snapshot to serve, which is offered as a finished run's is. A 409 naming the
   * running job if a run is queued or running; a failure is thrown after marking the job failed,
   * with the serving model unchanged.
   */
  TrainingJob install(TrainingPlan plan, Supplier<ModelTraining.TrainedModel> recordAndPrepare) {
    TrainingJob job = claim(plan, TrainingJob.INSTALL).orElseThrow(this::busy);
    try {
      job.markRunning();
      serve(job, recordAndPrepare.get());
      return job;
    } catch (RuntimeException | Error e) {
      fail(job, e);
      throw e;
    } finally {
      active.set(null);
    }
  }

  /**
   * Takes the one slot for a new job, unless a job holds it. Locked so that a request refused
   * because the slot is taken consumes no job ID: the IDs clients see count the jobs that ran.
   */
  private synchronized Optional<TrainingJob> claim(TrainingPlan plan, String trigger) {
    if (active.get() != null) {
      return Optional.empty();
    }
    TrainingJob job = new TrainingJob(nextId.getAndIncrement(), trigger, plan, clock, timeLimit);
    active.set(job);
    jobs.put(job.id(), job);
    forgetOldJobs();
    return Optional.of(job);
  }

  private ApiException busy() {
    TrainingJob running = active.get();
    long id = running == null ? 0 : running.id();
    String what = running != null && running.isInstall() ? "Install job " : "Training job ";
    return new ApiException(409, "training_in_progress", what + id + " is still running: follow it"
        + " with GET /v1/models/jobs/" + id + " and ask again when it has finished.");
  }

  private void run(TrainingJob job) {
    try {
      job.markRunning();
      serve(job, training.train(job.plan(), job));
    } catch (Exception | OutOfMemoryError e) {
      fail(job, e);
    } finally {
      active.set(null);
    }
  }

  /** Every new model version is offered for promotion, then the job records which version it made. */
  private void serve(TrainingJob job, ModelTraining.TrainedModel trained) {
    long version = trained.record().version();
    Promotion promotion = promoter.offer(trained.record(), trained.snapshot());
    job.markSucceeded(version, promotion);
    LOG.info("{} job {} made model version {} ({})", job.kind(), job.id(), version,
        promotion.promoted() ? "serving" : "not promoted");
  }

  private static void fail(TrainingJob job, Throwable e) {
    String why = e.getMessage() == null ? e.toString() : e.getMessage();
    job.markFailed(why);
    LOG.warn("{} job {} failed; the serving model is unchanged: {}", job.kind(), job.id(), why, e);
  }

  /**
   * Asks job {@code id} to stop at its next iteration; the job, or a 404 when unknown and a 409
   * when it has already finished.
   */
  TrainingJob cancel(long id) {
    TrainingJob job = find(id).orElseThrow(() -> new ApiException(404, "unknown_job", "There is no training job " + id
        + ": GET /v1/models lists the active one."));
    if (job.isInstall() || !job.cancel("cancelled by request")) {
      throw new ApiException(409, "job_not_running", "Job " + id + (job.isInstall() ? " is an install, which cannot be"
          + " cancelled" : " has already finished") + ": there is nothing to cancel.");
    }
    LOG.info("training job {} asked to stop", id);
    return job;
  }

  Optional<TrainingJob> find(long id) {
    return Optional.ofNullable(jobs.get(id));
  }

  Optional<TrainingJob> active() {
    return Optional.ofNullable(active.get());
  }

  /** The kept jobs, newest first. */
  List<TrainingJob> recent() {
    List<TrainingJob> recent = new ArrayList<>(jobs.values());
    recent.sort(Comparator.comparingLong(TrainingJob::id).reversed());
    return recent;
  }

  private void forgetOldJobs() {
    long oldestKept = nextId.get() - JOBS_KEPT;
    jobs.keySet().removeIf(id -> id < oldestKept && jobs.get(id) != null && jobs.get(id).isFinished());
  }

  @Override
  public void close() {
    schedule.shutdownNow();
    worker.shutdownNow();
    try {
      worker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
