package dev.encore.bench;

import dev.encore.als.AlsConfig;
import dev.encore.als.IterationStats;
import dev.encore.data.IdIndex;
import dev.encore.data.Interactions;
import dev.encore.eval.MetricReport;
import dev.encore.eval.RankingEvaluator;
import dev.encore.model.FactorModel;
import dev.encore.model.ModelFile;
import dev.encore.spark.SparkTraining;
import dev.encore.spark.TrainJob;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

/**
 * The encore-spark child: Encore's own ALS distributed by encore-spark's job, in Spark's local
 * mode with the bench's thread count, on the same training half as the other systems (written
 * as a TSV under its external IDs, as a user would give it) with the held-out half as the job's
 * test file. Times per iteration are the job's own; the quality figures are Encore's evaluator
 * on the model directory the job wrote, loaded as {@code encore serve} loads it. Serving is the
 * single-node code on that model, so recommend-all and latencies are {@code encore}'s rows.
 */
public final class EncoreSparkRun {
  /**
   * Blocks per side for local[threads]: one per thread. On synth-10m at local[2], 2 blocks ran an
   * iteration in 1.1-1.5 s and 4 blocks in 1.4-1.9 s: every extra block ships each factor row to
   * one more place, and two equal blocks already keep both threads busy.
   */
  private static final int BLOCKS_PER_THREAD = 1;

  private EncoreSparkRun() {}

  public static ChildFigures run(ChildRequest request, PrintStream log) throws Exception {
    HeldOutData data = HeldOutData.read(request.data(), request.testFraction(), request.splitSeed());
    Interactions train = data.train();
    Path work = request.workFolder().resolve("encore-spark");
    Files.createDirectories(work);
    Path trainFile = work.resolve("train.tsv");
    Path testFile = work.resolve("test.tsv");
    IndexedTsv.writeWithIds(train, trainFile);
    IndexedTsv.writeWithIds(EvaluationSample.firstUsers(data.test(), request.evaluationUsers()), testFile);
    System.gc();
    long dataRss = ProcessMemory.residentBytes();

    SparkSession spark = SparkRun.session(request, work, TrainJob.withJobDefaults(new SparkConf()));
    try {
      int blocks = BLOCKS_PER_THREAD * request.threads();
      long warmupStart = System.nanoTime();
      job(request, trainFile, testFile, work.resolve("warmup-model"), work, blocks, 1).run(spark,
          SparkTraining.Listener.NONE);
      double warmupSeconds = EncoreRun.seconds(warmupStart);

      Path modelDirectory = work.resolve("model");
      long jobStart = System.nanoTime();
      SparkTraining.Result result = job(request, trainFile, testFile, modelDirectory, work, blocks,
          request.iterations()).run(spark, (fit, stats, bytes) -> log.printf(Locale.ROOT,
              "[encore-spark] iteration %d/%d %.3f s, shuffle %.1f MB%n", stats.iteration(), stats.iterations(),
              stats.seconds(), bytes / 1e6));
      double jobSeconds = EncoreRun.seconds(jobStart);
      SparkTraining.FitReport fit = result.fits().get(result.fits().size() - 1);
      List<Double> iterationSeconds = fit.iterations().stream().map(IterationStats::seconds).toList();

      long loadStart = System.nanoTime();
      FactorModel loaded = ModelFile.load(modelDirectory);
      double loadSeconds = EncoreRun.seconds(loadStart);
      long modelBytes = SparkRun.folderBytes(modelDirectory);
      FactorModel model = inTrainingOrder(loaded, train);
      MetricReport quality = RankingEvaluator.evaluateTopK(model, train,
          EvaluationSample.firstUsers(data.test(), request.evaluationUsers()), EncoreRun.TOP, request.threads());
      log.printf(Locale.ROOT, "[encore-spark] precision@10 %.4f (the job's own evaluation: %.4f)%n",
          quality.precision(), result.evaluation().precision());

      List<Long> shuffle = fit.shuffleBytes();
      long medianShuffle = shuffle.stream().sorted().toList().get(shuffle.size() / 2);
      long shippedBytes = fit.expectedShuffleRowsPerIteration() * 4L * request.factors();
      List<String> notes = new ArrayList<>();
      notes.add(String.format(Locale.ROOT, "encore-spark: local[%d], %d user and %d item blocks, conjugate gradient"
          + " %d steps, lambda %s; whole job (read, index, block, %d iterations, cluster evaluation, model write)"
          + " %.1f s", request.threads(), blocks, blocks, request.cgSteps(), request.regularization(),
          request.iterations(), jobSeconds));
      notes.add(String.format(Locale.ROOT, "encore-spark: shuffle %.1f MB per iteration (median of Spark's"
          + " shuffle-write metrics) against %.1f MB of factor rows shipped (%d rows x %d factors x 4 bytes)",
          medianShuffle / 1e6, shippedBytes / 1e6, fit.expectedShuffleRowsPerIteration(), request.factors()));
      notes.add(String.format(Locale.ROOT, "encore-spark: the job's own held-out precision@10 %.4f, ndcg@10 %.4f"
          + " (encore-core's UserRanker in the executors)", result.evaluation().precision(),
          result.evaluation().ndcg()));
      notes.add("encore-spark: serving is single-node Encore on the model directory, so recommend-all and latency"
          + " figures are encore's");
      return new ChildFigures(request.system(), train.users().size(), train.items().size(), train.nnz(),
          data.test().nnz(), data.readSeconds(), iterationSeconds, IterationTimes.median(iterationSeconds),
          IterationTimes.min(iterationSeconds), IterationTimes.max(iterationSeconds),
          "median of the job's per-iteration times", jobSeconds, warmupSeconds, ProcessMemory.peakResidentBytes(),
          dataRss, ProcessMemory.peakHeapBytes(), 0, Double.NaN, true, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN, loadSeconds, modelBytes, quality.precision(), quality.ndcg(), quality.recall(),
          quality.users(), Double.NaN, "none", notes);
    } finally {
      spark.stop();
    }
  }

  private static TrainJob job(ChildRequest request, Path train, Path test, Path output, Path work, int blocks,
      int iterations) {
    AlsConfig config = EncoreRun.config(request);
    TrainJob job = new TrainJob();
    new CommandLine(job).parseArgs("--input", train.toString(), "--test", test.toString(),
        "--output", output.toString(), "--overwrite", "--checkpoint-dir", work.resolve("checkpoints").toString(),
        "--blocks", String.valueOf(blocks), "--no-loss",
        "--factors", String.valueOf(config.factors()), "--iterations", String.valueOf(iterations),
        "--regularization", String.valueOf(config.regularization()),
        "--alpha", String.valueOf(config.confidence().alpha()), "--cg-steps", String.valueOf(config.cgSteps()),
        "--solver", config.solver().toString());
    return job;
  }

  /** The model's rows in the training data's index order, so Encore's evaluator can score it. */
  static FactorModel inTrainingOrder(FactorModel model, Interactions train) {
    int k = model.factors();
    return new FactorModel(train.users(), train.items(), k, rows(model.userFactors(), model.users(), train.users(), k),
        rows(model.itemFactors(), model.items(), train.items(), k), train.userItems(), model.settings());
  }

  private static float[] rows(float[] factors, IdIndex from, IdIndex to, int k) {
    float[] ordered = new float[to.size() * k];
    for (int row = 0; row < to.size(); row++) {
      int source = from.find(to.idOf(row));
      if (source >= 0) {
        System.arraycopy(factors, source * k, ordered, row * k, k);
      }
    }
    return ordered;
  }
}
