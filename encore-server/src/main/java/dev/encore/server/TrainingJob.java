package dev.encore.server;

import dev.encore.als.AlsConfig;
import dev.encore.als.IterationStats;
import dev.encore.als.TrainingListener;
import dev.encore.data.Confidence;
import dev.encore.store.Promotion;
import dev.encore.tune.AutoSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One background training run and its progress, updated by the trainer's thread and read by
 * requests polling it: every field a poll reads is published through a volatile write. An install
 * of a model trained elsewhere is a job too (trigger {@value #INSTALL}, no fits), since it takes
 * the same one slot ({@link TrainingJobs#install}). With automatic settings the run first searches
 * them, which the job hears as an {@link AutoSettings.Listener}.
 */
final class TrainingJob implements TrainingListener, AutoSettings.Listener {
  enum State { QUEUED, RUNNING, SUCCEEDED, FAILED }

  /** The trigger of an install: {@code POST /v1/models/install}. */
  static final String INSTALL = "install";

  /** An evaluation fit and the final fit. */
  private static final int FITS = 2;

  private final long id;
  private final String trigger;
  private final TrainingPlan plan;
  private final Clock clock;
  private final Instant createdAt;
  private volatile State state = State.QUEUED;
  private volatile int fitsStarted;
  private volatile int iteration;
  private volatile int iterations;
  private volatile List<Double> loss = List.of();
  private volatile double lastIterationSeconds = Double.NaN;
  private volatile boolean searching;
  private volatile int candidatesTried;
  private volatile double bestScore = Double.NaN;
  private volatile Long modelVersion;
  private volatile Promotion promotion;
  private volatile String error;
  private volatile Instant startedAt;
  private volatile Instant finishedAt;
  private final Duration timeLimit;
  /** Why the run is to stop (a cancel request); null while it may go on. */
  private volatile String stopRequested;

  /** @param timeLimit the longest the run may take; it is stopped at its next iteration or candidate after that */
  TrainingJob(long id, String trigger, TrainingPlan plan, Clock clock, Duration timeLimit) {
    this.id = id;
    this.trigger = trigger;
    this.plan = plan;
    this.clock = clock;
    this.createdAt = clock.instant();
    this.iterations = plan.als().iterations();
    this.timeLimit = timeLimit;
  }

  /**
   * Asks the run to stop at its next iteration or settings candidate; the version it was making
   * is recorded failed and the serving model stays. False when the job has already finished.
   */
  boolean cancel(String why) {
    if (isFinished()) {
      return false;
    }
    stopRequested = why;
    return true;
  }

  /** Thrown from the trainer's callbacks to stop a run that was cancelled or ran out of time. */
  static final class Stopped extends RuntimeException {
    Stopped(String message) {
      super(message);
    }
  }

  /** Stops the run here when it was cancelled or has passed its time limit. */
  private void stopIfAsked() {
    String why = stopRequested;
    if (why != null) {
      throw new Stopped(why);
    }
    Instant started = startedAt;
    if (started != null && Duration.between(started, clock.instant()).compareTo(timeLimit) > 0) {
      throw new Stopped("stopped after running longer than the training time limit of " + timeLimit
          + " (--max-training-time)");
    }
  }

  long id() {
    return id;
  }

  TrainingPlan plan() {
    return plan;
  }

  /** Whether the job installs a model trained elsewhere rather than training one. */
  boolean isInstall() {
    return INSTALL.equals(trigger);
  }

  /** What the job does, for log lines: "install" or "training". */
  String kind() {
    return isInstall() ? INSTALL : "training";
  }

  boolean isFinished() {
    State now = state;
    return now == State.SUCCEEDED || now == State.FAILED;
  }

  void markRunning() {
    startedAt = clock.instant();
    state = State.RUNNING;
  }

  void markSucceeded(long version, Promotion decision) {
    modelVersion = version;
    promotion = decision;
    finishedAt = clock.instant();
    state = State.SUCCEEDED;
  }

  void markFailed(String why) {
    error = why;
    finishedAt = clock.instant();
    state = State.FAILED;
  }

  /**
   * The trainer fits twice, first on a split to evaluate the settings, then on every play for the
   * served model; each fit starts its own iteration count and loss curve.
   */
  @Override
  public void started(Duration budget) {
    stopIfAsked();
    searching = true;
  }

  @Override
  public void candidateFinished(AutoSettings.Candidate candidate, int done) {
    candidatesTried = done;
    double best = bestScore;
    bestScore = Double.isNaN(best) ? candidate.score() : Math.max(best, candidate.score());
    stopIfAsked();
  }

  @Override
  public void started(AlsConfig config, int users, int items, long entries) {
    stopIfAsked();
    searching = false;
    iterations = config.iterations();
    iteration = 0;
    loss = List.of();
    fitsStarted++;
  }

  @Override
  public void iterationFinished(IterationStats stats) {
    if (!Double.isNaN(stats.loss())) {
      List<Double> next = new ArrayList<>(loss);
      next.add(stats.loss());
      loss = List.copyOf(next);
    }
    lastIterationSeconds = stats.seconds();
    iteration = stats.iteration();
    stopIfAsked();
  }

  /** What a poll shows. */
  TrainingJobView view() {
    State now = state;
    double seconds = lastIterationSeconds;
    int fits = fitsStarted;
    String phase = switch (now) {
      case QUEUED -> "waiting";
      case RUNNING -> isInstall() ? "installing" : searching ? "choosing settings" : fits == 0 ? "reading plays"
          : fits == 1 ? "evaluation fit" : "final fit";
      case SUCCEEDED, FAILED -> "done";
    };
    double fitShare = iterations == 0 ? 1.0 : Math.min(1.0, iteration / (double) iterations);
    double progress = now == State.SUCCEEDED ? 1.0 : fits == 0 ? 0.0 : (fits - 1 + fitShare) / Math.max(fits, FITS);
    Search search = plan.auto().enabled() && !isInstall()
        ? new Search(candidatesTried, Double.isNaN(bestScore) ? null : bestScore) : null;
    return new TrainingJobView(id, now.name().toLowerCase(Locale.ROOT), trigger, phase, iteration, iterations,
        progress, loss, Double.isNaN(seconds) ? null : seconds, Settings.of(plan), search, modelVersion, promotion,
        error, createdAt, startedAt, finishedAt, "/v1/models/jobs/" + id);
  }

  /** The loss after each iteration of the latest fit (the final one once the job is done); empty for an install. */
  List<Double> loss() {
    return loss;
  }

  /** The model version the job produced, or null. */
  Long modelVersion() {
    return modelVersion;
  }

  /**
   * A training job as the API shows it; {@code progress} is the share of both fits' iterations
   * done; {@code promotion}, once it succeeded, whether its version went live and why.
   */
  record TrainingJobView(long id, String state, String trigger, String phase, int iteration, int iterations,
      double progress, List<Double> loss, Double lastIterationSeconds, Settings settings, Search search,
      Long modelVersion, Promotion promotion, String error, Instant createdAt, Instant startedAt, Instant finishedAt,
      String href) {}

  /** The settings search so far: candidates fitted and the best validation score. */
  record Search(int candidatesTried, Double bestScore) {}

  /**
   * The settings a job trains with, under the names {@code POST /v1/models/train} accepts them
   * ({@link TrainRequest}); with {@code auto} the ALS settings are where the search starts.
   * {@code epsilon} shows only for the log confidence and {@code cap} for the capped one.
   */
  record Settings(int factors, int iterations, float regularization, boolean scaleRegularization, String confidence,
      float alpha, Float epsilon, Float cap, float alpha0, float nu, float initSigma, String solver, int cgSteps,
      int blockSize, long seed, String halfLife, boolean auto, Double autoBudgetSeconds) {
    static Settings of(TrainingPlan plan) {
      AlsConfig config = plan.als();
      Confidence confidence = config.confidence();
      return new Settings(config.factors(), config.iterations(), config.regularization(),
          config.scaleRegularization(), confidence.function().toString(), confidence.alpha(),
          confidence.function() == Confidence.Function.LOG ? confidence.epsilon() : null,
          confidence.function() == Confidence.Function.CAPPED ? confidence.cap() : null,
          config.unobservedWeight(), config.regularizationExponent(), config.initSigma(), config.solver().toString(),
          config.cgSteps(), config.blockSize(), config.seed(), plan.halfLife() == null ? null : plan.halfLife().toString(),
          plan.auto().enabled(), plan.auto().enabled() ? plan.auto().budget().toMillis() / 1000.0 : null);
    }
  }
}
