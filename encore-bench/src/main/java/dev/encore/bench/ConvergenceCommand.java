package dev.encore.bench;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.als.IterationStats;
import dev.encore.als.Solver;
import dev.encore.als.TrainingListener;
import dev.encore.concurrent.Workers;
import dev.encore.data.Confidence;
import dev.encore.data.Interactions;
import dev.encore.eval.RankingEvaluator;
import dev.encore.eval.Split;
import dev.encore.model.FactorModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code encore-bench converge}: how long each solver takes to reach the precision@10 that
 * conjugate gradient reaches in its iterations. Every solver trains once on the same split;
 * after each iteration its factors are scored (untimed) on the held-out plays, and its time to a
 * precision is the sum of its iterations' seconds up to the first iteration at or above it. The
 * reference's own time counts the same way, so a reference that reached its final precision early
 * is timed to that iteration.
 */
@Command(name = "converge", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Time for each solver to reach conjugate gradient's precision@10 (iALS++ against CG at large k).")
final class ConvergenceCommand implements Callable<Integer> {
  private static final int TOP = 10;

  @Option(names = "--dataset", converter = StandardDataset.Converter.class, paramLabel = "NAME",
      description = "A standard dataset, split 80/20 at random (default: synth-1m; or give --train and --test).")
  StandardDataset dataset;

  @Option(names = "--train", paramLabel = "FILE", description = "A ready training TSV (user item value, with a header).")
  Path train;

  @Option(names = "--test", paramLabel = "FILE", description = "Its held-out TSV.")
  Path test;

  @Option(names = "--factors", paramLabel = "K", description = "Latent factors (default: ${DEFAULT-VALUE}).")
  int factors = 512;

  @Option(names = "--iterations", paramLabel = "N",
      description = "Iterations of the reference, conjugate gradient, whose final precision is the target (default: ${DEFAULT-VALUE}).")
  int iterations = 15;

  @Option(names = "--max-iterations", paramLabel = "N",
      description = "Iterations the other solvers may take to reach it (default: as --iterations).")
  int maxIterations;

  @Option(names = "--tolerance", paramLabel = "SHARE",
      description = "A run reaches the target at (1 - SHARE) times the reference's final precision: precision on a "
          + "plateau moves by about this much from one iteration to the next (default: ${DEFAULT-VALUE}).")
  double tolerance = 0.005;

  @Option(names = "--cg-steps", paramLabel = "N", description = "The reference's CG steps (default: ${DEFAULT-VALUE}).")
  int cgSteps = AlsConfig.DEFAULT_CG_STEPS;

  @Option(names = "--block-sizes", split = ",", paramLabel = "B",
      description = "Block sizes of the subspace solver, one run each (default: ${DEFAULT-VALUE}).")
  List<Integer> blockSizes = List.of(AlsConfig.DEFAULT_BLOCK_SIZE);

  @Option(names = "--cholesky", description = "Also run the exact solver.")
  boolean cholesky;

  @Option(names = {"--regularization", "--lambda"}, paramLabel = "L", description = "lambda (default: ${DEFAULT-VALUE}).")
  float regularization = AlsConfig.DEFAULT_REGULARIZATION;

  @Option(names = "--alpha", paramLabel = "A", description = "Confidence 1 + alpha * f(plays) (default: ${DEFAULT-VALUE}).")
  float alpha = AlsConfig.DEFAULT_ALPHA;

  @Option(names = "--confidence", paramLabel = "F", description = "f: linear, log, binary (default: ${DEFAULT-VALUE}).")
  String confidence = "linear";

  @Option(names = "--alpha0", paramLabel = "A0", description = "iALS weight of the unobserved pairs (default: ${DEFAULT-VALUE}).")
  float unobservedWeight = AlsConfig.DEFAULT_UNOBSERVED_WEIGHT;

  @Option(names = "--nu", paramLabel = "NU", description = "iALS frequency-scaled lambda exponent (default: ${DEFAULT-VALUE}).")
  float regularizationExponent = AlsConfig.DEFAULT_REGULARIZATION_EXPONENT;

  @Option(names = "--threads", paramLabel = "N", description = "Threads (default: all cores).")
  int threads = Workers.defaultThreads();

  @Option(names = "--eval-users", paramLabel = "N",
      description = "Score precision on the held-out plays of the first N listeners (default: ${DEFAULT-VALUE}, all).")
  int evalUsers;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Dataset cache folder (default: ${DEFAULT-VALUE}).")
  Path dataDir = Path.of("bench-data");

  /** One solver's run: each iteration's seconds and the precision of the factors after it. */
  private record Run(String name, List<Double> seconds, List<Double> precisions) {
    /** Seconds until the first iteration whose precision is at least {@code target}; NaN if none. */
    double secondsToReach(double target) {
      double total = 0;
      for (int i = 0; i < seconds.size(); i++) {
        total += seconds.get(i);
        if (precisions.get(i) >= target) {
          return total;
        }
      }
      return Double.NaN;
    }

    int iterationsToReach(double target) {
      for (int i = 0; i < precisions.size(); i++) {
        if (precisions.get(i) >= target) {
          return i + 1;
        }
      }
      return -1;
    }
  }

  @Override
  public Integer call() throws Exception {
    if ((train == null) != (test == null)) {
      throw new IllegalArgumentException("--train and --test go together");
    }
    if (train != null && dataset != null) {
      throw new IllegalArgumentException("give either --dataset or --train and --test, not both");
    }
    Split split = split();
    Interactions trainPlays = split.train();
    Interactions testPlays = EvaluationSample.firstUsers(split.test(), evalUsers);
    log("%,d listeners x %,d tracks, %,d plays to train on, %,d held out; %d factors, %d threads",
        trainPlays.users().size(), trainPlays.items().size(), trainPlays.nnz(), split.test().nnz(), factors, threads);
    AlsConfig base = AlsConfig.defaults().withFactors(factors).withRegularization(regularization)
        .withConfidence(new Confidence(Confidence.Function.parse(confidence), alpha, 1f, Float.POSITIVE_INFINITY))
        .withUnobservedWeight(unobservedWeight).withRegularizationExponent(regularizationExponent)
        .withThreads(threads).withCgSteps(cgSteps);
    int otherIterations = maxIterations > 0 ? maxIterations : iterations;

    List<Run> runs = new ArrayList<>();
    runs.add(run("cg-" + cgSteps, base.withSolver(Solver.CG).withIterations(iterations), trainPlays, testPlays));
    for (int blockSize : blockSizes) {
      runs.add(run("subspace-" + blockSize, base.withSolver(Solver.SUBSPACE).withBlockSize(blockSize)
          .withIterations(otherIterations), trainPlays, testPlays));
    }
    if (cholesky) {
      runs.add(run("cholesky", base.withSolver(Solver.CHOLESKY).withIterations(otherIterations), trainPlays,
          testPlays));
    }
    print(runs);
    return 0;
  }

  private Run run(String name, AlsConfig config, Interactions trainPlays, Interactions testPlays) {
    // An untimed iteration of this very solver first, as encore-bench run times training: each
    // solver's first timed iteration would otherwise pay for compiling its own kernels (the
    // subspace solver's took 1.2 to 1.7 s against 0.6 s for the next ones at k = 512).
    new AlsTrainer(config.withIterations(1)).fit(trainPlays);
    List<Double> seconds = new ArrayList<>();
    List<Double> precisions = new ArrayList<>();
    int k = config.factors();
    new AlsTrainer(config).fit(trainPlays, new TrainingListener() {
      @Override
      public void iterationFinished(IterationStats stats) {
        seconds.add(stats.seconds());
      }

      @Override
      public void factorsAfterIteration(int iteration, float[] userFactors, float[] itemFactors) {
        FactorModel model = new FactorModel(trainPlays.users(), trainPlays.items(), k, userFactors.clone(),
            itemFactors.clone(), trainPlays.userItems(), config);
        double precision = RankingEvaluator.evaluateTopK(model, trainPlays, testPlays, TOP, threads).precision();
        precisions.add(precision);
        log("[%s] iteration %d: %.3f s, precision@10 %.4f", name, iteration, seconds.get(iteration - 1), precision);
      }
    });
    return new Run(name, seconds, precisions);
  }

  private Split split() throws Exception {
    if (train == null) {
      StandardDataset standard = dataset != null ? dataset : StandardDataset.SYNTH_1M;
      Path tsv = new DatasetCache(dataDir, System.err).ensure(standard);
      log("reading %s", tsv);
      return HeldOutData.read(tsv, 0.2, 1).split();
    }
    return Split.readTsv(train, test);
  }

  private void print(List<Run> runs) {
    Run reference = runs.get(0);
    double referencePrecision = reference.precisions().get(reference.precisions().size() - 1);
    double target = referencePrecision * (1 - tolerance);
    System.out.printf(Locale.ROOT, "%s%n", Machine.current().summary());
    System.out.printf(Locale.ROOT, "target: precision@10 %.4f, %s's after %d iterations (%.4f) less %.1f%%%n", target,
        reference.name(), reference.precisions().size(), referencePrecision, 100 * tolerance);
    String row = "%-14s %12s %14s %12s %16s %18s%n";
    System.out.printf(Locale.ROOT, row, "solver", "s/iteration", "best prec@10", "iterations", "s to target",
        "time / reference's");
    double referenceSeconds = reference.secondsToReach(target);
    for (Run run : runs) {
      double toTarget = run.secondsToReach(target);
      double best = run.precisions().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
      System.out.printf(Locale.ROOT, row, run.name(),
          String.format(Locale.ROOT, "%.3f", IterationTimes.median(run.seconds())),
          String.format(Locale.ROOT, "%.4f", best),
          run.iterationsToReach(target) < 0 ? "not reached" : Integer.toString(run.iterationsToReach(target)),
          Double.isNaN(toTarget) ? "-" : String.format(Locale.ROOT, "%.2f", toTarget),
          Double.isNaN(toTarget) ? "-" : String.format(Locale.ROOT, "%.3f", toTarget / referenceSeconds));
    }
    for (Run run : runs) {
      StringBuilder curve = new StringBuilder(run.name()).append(" precision by iteration:");
      for (double precision : run.precisions()) {
        curve.append(String.format(Locale.ROOT, " %.4f", precision));
      }
      System.out.println(curve);
    }
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, format + "%n", args);
  }
}
