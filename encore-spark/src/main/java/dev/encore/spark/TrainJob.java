package dev.encore.spark;

import dev.encore.als.AlsConfig;
import dev.encore.als.Solver;
import dev.encore.data.Confidence;
import dev.encore.index.IndexPolicy;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spark-submit --class dev.encore.spark.TrainJob encore-spark.jar --input PLAYS --output
 * MODEL [options]}: Encore's ALS on a Spark cluster (standalone, YARN, Kubernetes or
 * {@code local[N]}), writing a model directory that {@code encore recommend --model} and
 * {@code encore serve} read as they read a model file. Bad input or settings end the job with
 * one line naming the file, column or option, and exit status 2.
 */
@Command(name = "encore-spark", sortOptions = false,
    description = "Trains Encore's implicit ALS on a Spark cluster and writes an Encore model directory.")
public final class TrainJob implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--input", required = true, paramLabel = "PATH|URL",
      description = "Plays: a Parquet or delimited (CSV/TSV with a header) path on any Hadoop file system"
          + " (globs allowed), or jdbc:postgresql://HOST/DB for Encore's own database.")
  String input;

  @Option(names = "--format", paramLabel = "F",
      description = "parquet, csv, tsv or jdbc (default: from the input's name; .parquet, .csv, jdbc:, else tsv).")
  String format;

  @Option(names = "--test", paramLabel = "PATH",
      description = "Held-out plays in the input's format: evaluate on them and write the model trained on --input."
          + " Without it, --test-fraction of the pairs is held out by hash.")
  String test;

  @Option(names = "--output", required = true, paramLabel = "PATH",
      description = "The model directory to write (local, HDFS, S3A...); written beside it, then renamed into place.")
  String output;

  @Option(names = "--overwrite", description = "Replace an existing model at --output once the new one is complete.")
  boolean overwrite;

  @Option(names = "--user-column", paramLabel = "NAME", description = "Column of user IDs (default: ${DEFAULT-VALUE}).")
  String userColumn = "user";

  @Option(names = "--item-column", paramLabel = "NAME", description = "Column of track IDs (default: ${DEFAULT-VALUE}).")
  String itemColumn = "item";

  @Option(names = "--count-column", paramLabel = "NAME",
      description = "Column of play counts (default: ${DEFAULT-VALUE}, as Encore's split files).")
  String countColumn = "value";

  @Option(names = "--jdbc-user", paramLabel = "NAME", description = "Database user for a jdbc: input.")
  String jdbcUser;

  @Option(names = "--jdbc-password-env", paramLabel = "VAR",
      description = "Environment variable holding the database password (default: ${DEFAULT-VALUE}).")
  String jdbcPasswordVariable = "ENCORE_JDBC_PASSWORD";

  @Option(names = "--jdbc-partitions", paramLabel = "N",
      description = "Parallel JDBC reads, by hash of the listener ID (default: ${DEFAULT-VALUE}).")
  int jdbcPartitions = 8;

  @Option(names = "--factors", paramLabel = "K", description = "Latent factors (default: ${DEFAULT-VALUE}).")
  int factors = AlsConfig.DEFAULT_FACTORS;

  @Option(names = {"--regularization", "--lambda"}, paramLabel = "LAMBDA",
      description = "Regularization lambda (default: ${DEFAULT-VALUE}).")
  float regularization = AlsConfig.DEFAULT_REGULARIZATION;

  @Option(names = "--scale-regularization", description = "ALS-WR: lambda times each row's number of plays.")
  boolean scaleRegularization;

  @Option(names = "--confidence", paramLabel = "F",
      description = "Confidence function f in c = 1 + alpha * f(r): linear, log, binary, capped (default: ${DEFAULT-VALUE}).")
  String confidence = "linear";

  @Option(names = "--alpha", description = "Confidence scale alpha (default: ${DEFAULT-VALUE}).")
  float alpha = AlsConfig.DEFAULT_ALPHA;

  @Option(names = "--epsilon", description = "Epsilon of the log confidence ln(1 + r/epsilon) (default: ${DEFAULT-VALUE}).")
  float epsilon = 1f;

  @Option(names = "--cap", description = "Cap of the capped confidence min(r, cap) (default: ${DEFAULT-VALUE}).")
  float cap = Float.POSITIVE_INFINITY;

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

  @Option(names = "--solver", description = "cg, cholesky or subspace (iALS++) (default: ${DEFAULT-VALUE}).")
  String solver = "cg";

  @Option(names = "--cg-steps", description = "Conjugate-gradient steps per row (default: ${DEFAULT-VALUE}).")
  int cgSteps = AlsConfig.DEFAULT_CG_STEPS;

  @Option(names = "--block-size", description = "Factors the subspace solver updates together (default: ${DEFAULT-VALUE}).")
  int blockSize = AlsConfig.DEFAULT_BLOCK_SIZE;

  @Option(names = "--seed", description = "Seed of the initial factors (default: ${DEFAULT-VALUE}).")
  long seed = AlsConfig.DEFAULT_SEED;

  @Option(names = "--threads-per-task", paramLabel = "N",
      description = "Threads each Spark task solves its block with; match spark.task.cpus (default: ${DEFAULT-VALUE}).")
  int threadsPerTask = 1;

  @Option(names = "--no-loss", negatable = false, description = "Skip the training loss in the per-iteration log.")
  boolean noLoss;

  @Option(names = "--blocks", paramLabel = "N",
      description = "User and item blocks (default: Spark's default parallelism).")
  Integer blocks;

  @Option(names = "--user-blocks", paramLabel = "N", description = "User blocks (default: --blocks).")
  Integer userBlocks;

  @Option(names = "--item-blocks", paramLabel = "N", description = "Item blocks (default: --blocks).")
  Integer itemBlocks;

  @Option(names = "--checkpoint-dir", paramLabel = "PATH",
      description = "Reliable storage for lineage checkpoints (default: spark.checkpoint.dir, else a folder beside"
          + " --output that is removed at the end).")
  String checkpointDir;

  @Option(names = "--checkpoint-interval", paramLabel = "N",
      description = "Checkpoint the factors every N iterations (default: ${DEFAULT-VALUE}).")
  int checkpointInterval = 5;

  @Option(names = "--test-fraction", paramLabel = "F",
      description = "Share of (user, track) pairs held out by hash to evaluate; 0 evaluates nothing (default: ${DEFAULT-VALUE}).")
  double testFraction = 0.2;

  @Option(names = "--split-seed", description = "Seed of the hash split (default: ${DEFAULT-VALUE}).")
  long splitSeed = 42L;

  @Option(names = "--cutoff", paramLabel = "K", description = "k of precision@k and ndcg@k (default: ${DEFAULT-VALUE}).")
  int cutoff = 10;

  @Option(names = "--index-min-tracks", paramLabel = "N",
      description = "Build the approximate index for recommendations and similar tracks (on the driver, into the model"
          + " directory) when the catalogue has at least N tracks; 0 always (default: ${DEFAULT-VALUE}).")
  int indexMinTracks = IndexPolicy.DEFAULT.minItems();

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master when not started by spark-submit, e.g. local[4] (default: spark-submit's).")
  String master;

  public static void main(String[] args) {
    System.exit(new CommandLine(new TrainJob()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    SparkSession session;
    try {
      session = session();
    } catch (JobInputException e) {
      return fail(e.getMessage());
    }
    try {
      SparkTraining.Result result = run(session, SparkTraining.Listener.NONE);
      System.out.println(SparkTraining.toJson(result));
      return 0;
    } catch (JobInputException e) {
      return fail(e.getMessage());
    } finally {
      session.stop();
    }
  }

  /** Runs the job on {@code session} (left running); the tests' and the bench's way in. */
  public SparkTraining.Result run(SparkSession session, SparkTraining.Listener listener) throws Exception {
    String ownCheckpoints = null;
    if (checkpointDir != null) {
      session.sparkContext().setCheckpointDir(checkpointDir);
    } else if (!session.sparkContext().getConf().contains("spark.checkpoint.dir")) {
      // A folder of this run's own beside the output, removed when the run ends.
      ownCheckpoints = output + ".checkpoints";
      session.sparkContext().setCheckpointDir(ownCheckpoints);
    }
    try {
      return train(session, listener);
    } finally {
      if (ownCheckpoints != null) {
        Path folder = new Path(ownCheckpoints);
        folder.getFileSystem(session.sparkContext().hadoopConfiguration()).delete(folder, true);
      }
    }
  }

  private SparkTraining.Result train(SparkSession session, SparkTraining.Listener listener) throws Exception {
    int defaultBlocks = blocks != null ? blocks : session.sparkContext().defaultParallelism();
    SparkTraining.Settings settings = new SparkTraining.Settings(als(),
        userBlocks != null ? userBlocks : defaultBlocks, itemBlocks != null ? itemBlocks : defaultBlocks,
        checkpointInterval, testFraction, splitSeed, cutoff, indexPolicy());
    PlaysSource plays = source(input);
    PlaysSource heldOut = test == null ? null : source(test);
    SparkTraining.Listener logging = (fit, stats, bytes) -> {
      LOG.info(String.format(Locale.ROOT, "%s fit: iteration %d/%d in %.3f s, loss %s, shuffle %s", fit,
          stats.iteration(), stats.iterations(), stats.seconds(),
          Double.isNaN(stats.loss()) ? "not computed" : String.format(Locale.ROOT, "%.6g", stats.loss()),
          bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6)));
      listener.iterationFinished(fit, stats, bytes);
    };
    return SparkTraining.run(session, plays, heldOut, new ModelOutput(output, overwrite), settings, logging);
  }

  AlsConfig als() {
    try {
      return new AlsConfig(factors, regularization, scaleRegularization,
          new Confidence(Confidence.Function.parse(confidence), alpha, epsilon, cap), iterations,
          Solver.parse(solver), cgSteps, seed, threadsPerTask, !noLoss, unobservedWeight, regularizationExponent,
          initSigma, blockSize);
    } catch (IllegalArgumentException e) {
      throw new JobInputException(e.getMessage());
    }
  }

  private IndexPolicy indexPolicy() {
    if (indexMinTracks < 0) {
      throw new JobInputException("--index-min-tracks = " + indexMinTracks + " must be >= 0");
    }
    return new IndexPolicy(indexMinTracks, IndexPolicy.DEFAULT.minRecall());
  }

  private PlaysSource source(String location) {
    PlaysSource.Format chosen = format != null ? PlaysSource.Format.parse(format) : PlaysSource.Format.guess(location);
    String password = jdbcPasswordVariable == null ? null : System.getenv(jdbcPasswordVariable);
    return new PlaysSource(location, chosen, userColumn, itemColumn, countColumn, jdbcUser, password, jdbcPartitions);
  }

  private SparkSession session() {
    SparkConf conf = new SparkConf();
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      throw new JobInputException("no Spark master: run through spark-submit or pass --master (e.g. local[4])");
    }
    conf.setIfMissing("spark.app.name", "encore-spark");
    return SparkSession.builder().config(withJobDefaults(conf)).getOrCreate();
  }

  /**
   * The job's Spark settings where the user set none. The shuffle carries float factor rows,
   * which LZ4 cannot shrink: compressing them only costs CPU (synth-10m at local[2]: 1.9-2.4 s
   * per iteration with compression, 1.3-2.1 s without).
   */
  public static SparkConf withJobDefaults(SparkConf conf) {
    return conf.setIfMissing("spark.shuffle.compress", "false");
  }

  private static int fail(String message) {
    System.err.println("encore-spark: " + message);
    return 2;
  }
}
