package dev.encore.cli;

import dev.encore.als.AlsConfig;
import dev.encore.als.Solver;
import dev.encore.concurrent.Workers;
import dev.encore.data.Confidence;
import picocli.CommandLine.Option;

/** The ALS settings as command-line options; defaults are {@link AlsConfig#defaults()}. */
final class AlsOptions {
  @Option(names = "--factors", paramLabel = "K", description = "Latent factors (default: ${DEFAULT-VALUE}).")
  int factors = AlsConfig.DEFAULT_FACTORS;

  @Option(names = {"--regularization", "--lambda"}, paramLabel = "LAMBDA",
      description = "Regularization lambda (default: ${DEFAULT-VALUE}).")
  float regularization = AlsConfig.DEFAULT_REGULARIZATION;

  @Option(names = "--scale-regularization",
      description = "Scale lambda by each row's number of plays (ALS-WR, as Spark MLlib does).")
  boolean scaleRegularization;

  @Option(names = "--alpha", description = "Confidence scale alpha in c = 1 + alpha * f(r) (default: ${DEFAULT-VALUE}).")
  float alpha = AlsConfig.DEFAULT_ALPHA;

  @Option(names = "--confidence", paramLabel = "F",
      description = "f in c = 1 + alpha * f(r): linear, log, binary or capped (default: ${DEFAULT-VALUE}).")
  String confidence = "linear";

  @Option(names = "--epsilon", description = "Epsilon of the log confidence ln(1 + r/epsilon) (default: ${DEFAULT-VALUE}).")
  float epsilon = 1f;

  @Option(names = "--cap", description = "Cap of the capped confidence min(r, cap) (default: ${DEFAULT-VALUE}).")
  float cap = 100f;

  @Option(names = {"--alpha0", "--unobserved-weight"}, paramLabel = "W",
      description = "iALS (Rendle et al. 2021): weight of the all-zero term over every listener-track pair; 1 is Hu, Koren and Volinsky's objective (default: ${DEFAULT-VALUE}).")
  float unobservedWeight = AlsConfig.DEFAULT_UNOBSERVED_WEIGHT;

  @Option(names = {"--nu", "--regularization-exponent"}, paramLabel = "NU",
      description = "iALS: a row's lambda is lambda * (plays + alpha0 * other side's rows)^nu; 0 is plain lambda (default: ${DEFAULT-VALUE}).")
  float regularizationExponent = AlsConfig.DEFAULT_REGULARIZATION_EXPONENT;

  @Option(names = "--init-sigma", paramLabel = "SIGMA",
      description = "Initial factors normal with standard deviation SIGMA / sqrt(factors); 0 draws them uniform in [0, 0.01) (default: ${DEFAULT-VALUE}).")
  float initSigma = AlsConfig.DEFAULT_INIT_SIGMA;

  @Option(names = "--iterations", description = "ALS iterations (default: ${DEFAULT-VALUE}).")
  int iterations = AlsConfig.DEFAULT_ITERATIONS;

  @Option(names = "--solver",
      description = "cg (conjugate gradient), cholesky (exact) or subspace (iALS++: exact solves over blocks of "
          + "--block-size factors, for large factor counts) (default: ${DEFAULT-VALUE}).")
  String solver = "cg";

  @Option(names = "--cg-steps", description = "Conjugate-gradient steps per row (default: ${DEFAULT-VALUE}).")
  int cgSteps = AlsConfig.DEFAULT_CG_STEPS;

  @Option(names = "--block-size", paramLabel = "B",
      description = "Factors the subspace solver updates together in one exact solve (default: ${DEFAULT-VALUE}).")
  int blockSize = AlsConfig.DEFAULT_BLOCK_SIZE;

  @Option(names = "--seed", description = "Seed of the initial factors (default: ${DEFAULT-VALUE}).")
  long seed = AlsConfig.DEFAULT_SEED;

  @Option(names = "--threads", description = "Worker threads (default: all cores).")
  int threads = Workers.defaultThreads();

  @Option(names = "--loss", description = "Compute and print the training loss after each iteration.")
  boolean computeLoss;

  AlsConfig toConfig() {
    Confidence.Function function = Confidence.Function.parse(confidence);
    return new AlsConfig(factors, regularization, scaleRegularization,
        new Confidence(function, alpha, epsilon, cap), iterations, Solver.parse(solver), cgSteps, seed, threads,
        computeLoss, unobservedWeight, regularizationExponent, initSigma, blockSize);
  }
}
