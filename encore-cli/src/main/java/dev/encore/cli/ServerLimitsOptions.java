package dev.encore.cli;

import dev.encore.server.ServerConfig;
import dev.encore.server.TrainingLimits;
import java.time.Duration;
import picocli.CommandLine.Option;

/** What one request to the server may ask: batch size and the largest training. */
final class ServerLimitsOptions {
  private static final TrainingLimits DEFAULTS = TrainingLimits.defaults();

  @Option(names = "--max-batch", paramLabel = "N",
      description = "Most plays, tracks or listeners in one batch request (default: ${DEFAULT-VALUE}).")
  int maxBatch = ServerConfig.DEFAULT_MAX_BATCH;

  @Option(names = "--max-factors", paramLabel = "K", description = "Most factors a train request may ask for (default: ${DEFAULT-VALUE}).")
  int maxFactors = DEFAULTS.maxFactors();

  @Option(names = "--max-iterations", paramLabel = "N",
      description = "Most iterations a train request may ask for (default: ${DEFAULT-VALUE}).")
  int maxIterations = DEFAULTS.maxIterations();

  @Option(names = "--max-cg-steps", paramLabel = "N",
      description = "Most CG steps a train request may ask for (default: ${DEFAULT-VALUE}).")
  int maxCgSteps = DEFAULTS.maxCgSteps();

  @Option(names = "--max-alpha", paramLabel = "ALPHA",
      description = "Largest confidence scale a train request may ask for (default: ${DEFAULT-VALUE}).")
  double maxAlpha = DEFAULTS.maxAlpha();

  @Option(names = "--max-regularization", paramLabel = "LAMBDA",
      description = "Largest lambda a train request may ask for (default: ${DEFAULT-VALUE}).")
  double maxRegularization = DEFAULTS.maxRegularization();

  @Option(names = "--max-training-time", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Longest one training may run (search included) before it is stopped and recorded failed,"
          + " e.g. 30m, 2h (default: 2h).")
  Duration maxTrainingTime = DEFAULTS.maxTrainingTime();

  ServerConfig applyTo(ServerConfig config) {
    return config.withMaxBatch(maxBatch).withTrainingLimits(new TrainingLimits(maxFactors, maxIterations, maxCgSteps,
        maxAlpha, maxRegularization, maxTrainingTime));
  }
}
