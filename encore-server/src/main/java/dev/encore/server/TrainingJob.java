package dev.encore.server;

import dev.encore.als.AlsConfig;
import dev.encore.als.IterationStats;
import dev.encore.als.TrainingListener;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One background training run and its progress, updated by the trainer's thread and read by
 * requests polling it: every field a poll reads is published through a volatile write. An install
 * of a model trained elsewhere is a job too (trigger {@value #INSTALL}, no fits), since it takes
 * the same one slot ({@link TrainingJobs#install}).
 */
final class TrainingJob implements TrainingListener {
  enum State { QUEUED, RUNNING, SUCCEEDED, FAILED }

  /** The trigger of an install: {@code POST /v1/models/install}. */
  static final String INSTALL = "install";

  /** An evaluation fit and the final fit. */
  private static final int FITS = 2;

  private final long id;
  private final String trigger;
  private final AlsConfig settings;
  private final Clock clock;
  private final Instant createdAt;
  private volatile State state = State.QUEUED;
  private volatile int fitsStarted;
  private volatile int iteration;
  private volatile int iterations;
  private volatile List<Double> loss = List.of();
  private volatile double lastIterationSeconds = Double.NaN;
  private volatile Long modelVersion;
  private volatile String error;
  private volatile Instant startedAt;
  private volatile Instant finishedAt;

  TrainingJob(long id, String trigger, AlsConfig settings, Clock clock) {
    this.id = id;
    this.trigger = trigger;
    this.settings = settings;
    this.clock = clock;
    this.createdAt = clock.instant();
    this.iterations = settings.iterations();
  }

  long id() {
    return id;
  }

  AlsConfig settings() {
    return settings;
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

  void markSucceeded(long version) {
    modelVersion = version;
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
  public void started(AlsConfig config, int users, int items, long entries) {
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
  }

  /** What a poll shows. */
  TrainingJobView view() {
    State now = state;
    double seconds = lastIterationSeconds;
    int fits = fitsStarted;
    String phase = switch (now) {
      case QUEUED -> "waiting";
      case RUNNING -> isInstall() ? "installing" : fits == 0 ? "reading plays" : fits == 1 ? "evaluation fit"
          : "final fit";
      case SUCCEEDED, FAILED -> "done";
    };
    double fitShare = iterations == 0 ? 1.0 : Math.min(1.0, iteration / (double) iterations);
    double progress = now == State.SUCCEEDED ? 1.0 : fits == 0 ? 0.0 : (fits - 1 + fitShare) / Math.max(fits, FITS);
    return new TrainingJobView(id, now.name().toLowerCase(Locale.ROOT), trigger, phase, iteration, iterations,
        progress, loss, Double.isNaN(seconds) ? null : seconds, Settings.of(settings), modelVersion, error, createdAt,
        startedAt, finishedAt, "/v1/models/jobs/" + id);
  }

  /** The loss after each iteration of the latest fit (the final one once the job is done); empty for an install. */
  List<Double> loss() {
    return loss;
  }

  /** The model version the job produced, or null. */
  Long modelVersion() {
    return modelVersion;
  }

  /** A training job as the API shows it; {@code progress} is the share of both fits' iterations done. */
  record TrainingJobView(long id, String state, String trigger, String phase, int iteration, int iterations,
      double progress,
      List<Double> loss, Double lastIterationSeconds, Settings settings, Long modelVersion, String error,
      Instant createdAt, Instant startedAt, Instant finishedAt, String href) {}

  /** The ALS settings a job trains with, as the API shows and accepts them. */
  record Settings(int factors, float regularization, int iterations, float alpha, String confidence, String solver) {
    static Settings of(AlsConfig config) {
      return new Settings(config.factors(), config.regularization(), config.iterations(),
          config.confidence().alpha(), config.confidence().function().toString(), config.solver().toString());
    }
  }
}
