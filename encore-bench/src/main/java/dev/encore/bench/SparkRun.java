package dev.encore.bench;

import dev.encore.als.AlsConfig;
import dev.encore.data.Confidence;
import dev.encore.data.Interactions;
import dev.encore.eval.MetricReport;
import dev.encore.eval.RankingEvaluator;
import dev.encore.model.FactorModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark child's measurements: Spark MLlib's implicit ALS in local mode on the same training
 * half as Encore (written with Encore's dense indices as Spark's integer IDs), then recommend-all,
 * saving and loading the model, and the held-out score of Spark's factors computed by Encore's
 * own evaluator, so both systems are judged by identical metric code.
 *
 * <p>Spark reports no per-iteration times, so it runs {@code fit(maxIter = 1)} first (which also
 * warms up the JIT and Spark's machinery) and derives the time per iteration as
 * {@code (fit(maxIter = N) - fit(maxIter = 1)) / (N - 1)}: the one-off setup both fits share
 * cancels out.
 */
public final class SparkRun {
  private static final long ALS_SEED = 42L;
  private static final int RECOMMEND_ALL_WARMUP_USERS = 512;
  private static final int SHUFFLE_PARTITIONS_PER_THREAD = 4;

  private SparkRun() {}

  public static ChildFigures run(ChildRequest request, PrintStream log) throws IOException {
    long readStart = System.nanoTime();
    HeldOutData data = HeldOutData.read(request.data(), request.testFraction(), request.splitSeed());
    Interactions train = data.train();
    Path work = request.workFolder().resolve("spark");
    Files.createDirectories(work);
    Path trainFile = work.resolve("train-indexed.tsv");
    IndexedTsv.write(train, trainFile);

    SparkSession spark = session(request, work);
    try {
      StructType schema = new StructType()
          .add("user", DataTypes.IntegerType, false)
          .add("item", DataTypes.IntegerType, false)
          .add("rating", DataTypes.FloatType, false);
      Dataset<Row> ratings = spark.read().option("sep", "\t").option("header", "false").schema(schema)
          .csv(trainFile.toString()).cache();
      long rows = ratings.count();
      double readSeconds = EncoreRun.seconds(readStart);
      if (rows != train.nnz()) {
        throw new IllegalStateException(
            "Spark read " + rows + " rows from " + trainFile + ", Encore wrote " + train.nnz());
      }
      log.printf(Locale.ROOT, "[spark] read, split and loaded into Spark in %.1f s: train %s%n", readSeconds, train);
      System.gc();
      long dataRss = ProcessMemory.residentBytes();
      String blas = blasImplementation();
      log.printf(Locale.ROOT, "[spark] BLAS: %s%n", blas);

      long warmupStart = System.nanoTime();
      fit(request, ratings, 1);
      double warmupSeconds = EncoreRun.seconds(warmupStart);
      long oneIterationStart = System.nanoTime();
      fit(request, ratings, 1);
      double oneIterationSeconds = EncoreRun.seconds(oneIterationStart);
      long fitStart = System.nanoTime();
      ALSModel model = fit(request, ratings, request.iterations());
      double fitSeconds = EncoreRun.seconds(fitStart);
      PerIteration perIteration = PerIteration.derive(fitSeconds, oneIterationSeconds, request.iterations());
      log.printf(Locale.ROOT, "[spark] warm-up fit(1) %.2f s, fit(1) %.2f s, fit(%d) %.2f s%n", warmupSeconds,
          oneIterationSeconds, request.iterations(), fitSeconds);

      Recommendations.of(model, RECOMMEND_ALL_WARMUP_USERS).compute();
      Recommendations recommendations = Recommendations.of(model, request.recommendAllUsers());
      long recommendAllStart = System.nanoTime();
      recommendations.compute();
      double recommendAllSeconds = EncoreRun.seconds(recommendAllStart);
      long recommendedUsers = recommendations.users();

      Path modelFolder = work.resolve("model");
      model.write().overwrite().save(modelFolder.toString());
      long modelBytes = folderBytes(modelFolder);
      long loadStart = System.nanoTime();
      ALSModel loaded = ALSModel.load(modelFolder.toString());
      loaded.userFactors().cache().count();
      loaded.itemFactors().cache().count();
      double loadSeconds = EncoreRun.seconds(loadStart);

      FactorModel asEncore = toFactorModel(model, train, request);
      MetricReport quality = RankingEvaluator.evaluateTopK(asEncore, train,
          EvaluationSample.firstUsers(data.test(), request.evaluationUsers()), EncoreRun.TOP, request.threads());
      log.printf(Locale.ROOT, "[spark] precision@10 %.4f%n", quality.precision());

      List<String> notes = List.of(
          "spark: seconds per iteration = " + perIteration.method()
              + " (no per-iteration spread), after an untimed warm-up fit(maxIter=1)",
          "spark: recommendForAllUsers(10) does not skip played items; Encore's recommend-all does",
          "spark: no single-user query API, so no latency figures; no all-items similarity, so no similar-all",
          "spark: regParam " + request.regularization()
              + " is scaled by each row's count (ALS-WR): compare quality with encore-wr",
          "spark: model load = ALSModel.load + caching both factor tables; BLAS " + blas);
      return new ChildFigures(BenchedSystem.SPARK, train.users().size(), train.items().size(), train.nnz(),
          data.test().nnz(), readSeconds, List.of(), perIteration.seconds(), Double.NaN, Double.NaN,
          perIteration.method(), fitSeconds, warmupSeconds, ProcessMemory.peakResidentBytes(), dataRss,
          ProcessMemory.peakHeapBytes(),
          recommendedUsers, recommendedUsers / recommendAllSeconds, false, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN, loadSeconds, modelBytes, quality.precision(), quality.ndcg(), quality.recall(),
          quality.users(), Double.NaN, blas, notes);
    } finally {
      spark.stop();
    }
  }

  /**
   * Seconds per iteration from two fits that differ only in their iteration count:
   * {@code (fit(N) - fit(1)) / (N - 1)} cancels the setup both share. With one iteration, or when
   * timing noise makes the difference non-positive, it falls back to {@code fit(N) / N} and says so.
   */
  record PerIteration(double seconds, String method) {
    static PerIteration derive(double fitSeconds, double oneIterationSeconds, int iterations) {
      double difference = (fitSeconds - oneIterationSeconds) / (iterations - 1);
      if (iterations > 1 && difference > 0) {
        return new PerIteration(difference,
            "(fit(maxIter=" + iterations + ") - fit(maxIter=1)) / " + (iterations - 1));
      }
      String why = iterations > 1 ? " (fit(maxIter=1) was not faster, so the difference is unusable)" : "";
      return new PerIteration(fitSeconds / iterations, "fit(maxIter=" + iterations + ") / " + iterations + why);
    }
  }

  /** A local[threads] session as every Spark child uses it: no UI, loopback, checkpoints in the work folder. */
  static SparkSession session(ChildRequest request, Path work) {
    return session(request, work, new SparkConf());
  }

  /** As {@link #session(ChildRequest, Path)}, over {@code base} (a system's own defaults). */
  static SparkSession session(ChildRequest request, Path work, SparkConf base) {
    SparkSession spark = SparkSession.builder()
        .config(base)
        .appName("encore-bench")
        .master("local[" + request.threads() + "]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.local.dir", work.resolve("local").toString())
        // The default of 200 shuffle partitions is tuned for clusters; a few per thread suits local mode.
        .config("spark.sql.shuffle.partitions", String.valueOf(SHUFFLE_PARTITIONS_PER_THREAD * request.threads()))
        .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    // Without checkpoints the RDD lineage of many iterations overflows the stack on ~10M ratings.
    spark.sparkContext().setCheckpointDir(work.resolve("checkpoints").toString());
    return spark;
  }

  private static ALSModel fit(ChildRequest request, Dataset<Row> ratings, int iterations) {
    return new ALS()
        .setImplicitPrefs(true)
        .setRank(request.factors())
        .setMaxIter(iterations)
        .setRegParam(request.regularization())
        .setAlpha(request.alpha())
        .setUserCol("user")
        .setItemCol("item")
        .setRatingCol("rating")
        .setSeed(ALS_SEED)
        .fit(ratings);
  }

  /**
   * Spark's top 10 for the first {@code users} user IDs (0 for all), built lazily, and how many
   * users that is: counted before timing, so the timed part is only the recommending.
   */
  private record Recommendations(Dataset<Row> table, long users) {
    static Recommendations of(ALSModel model, int users) {
      if (users <= 0) {
        return new Recommendations(model.recommendForAllUsers(EncoreRun.TOP), model.userFactors().count());
      }
      Dataset<Row> subset = model.userFactors().filter(functions.col("id").lt(users))
          .select(functions.col("id").as("user"));
      return new Recommendations(model.recommendForUserSubset(subset, EncoreRun.TOP), subset.count());
    }

    /** Computes every row through Spark's no-op sink: all the work, nothing written. */
    void compute() {
      table.write().format("noop").mode(SaveMode.Overwrite).save();
    }
  }

  /**
   * Spark's factors as an Encore model over the training data's ID maps: Spark's ID n is Encore's
   * dense index n. Rows Spark has no factor for (users or items with no training entry) stay zero.
   */
  static FactorModel toFactorModel(ALSModel model, Interactions train, ChildRequest request) {
    int factors = request.factors();
    float[] userFactors = collect(model.userFactors(), train.users().size(), factors);
    float[] itemFactors = collect(model.itemFactors(), train.items().size(), factors);
    AlsConfig settings = AlsConfig.defaults().withFactors(factors).withScaleRegularization(true)
        .withRegularization(request.regularization()).withConfidence(Confidence.linear(request.alpha()));
    return new FactorModel(train.users(), train.items(), factors, userFactors, itemFactors, train.userItems(),
        settings);
  }

  private static float[] collect(Dataset<Row> factorTable, int rows, int factors) {
    float[] matrix = new float[rows * factors];
    Iterator<Row> table = factorTable.toLocalIterator();
    while (table.hasNext()) {
      Row row = table.next();
      int id = row.getInt(0);
      List<Object> features = row.getList(1);
      for (int a = 0; a < factors; a++) {
        matrix[id * factors + a] = ((Number) features.get(a)).floatValue();
      }
    }
    return matrix;
  }

  /** The class netlib hands Spark for BLAS: a JNI (native) one or a Java fallback. */
  static String blasImplementation() {
    String name = dev.ludovic.netlib.blas.BLAS.getInstance().getClass().getName();
    boolean nativeBlas = name.contains("JNI") || name.contains("Native");
    return name + (nativeBlas ? " (native)" : " (Java, no native BLAS found)");
  }

  static long folderBytes(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
    }
  }
}
