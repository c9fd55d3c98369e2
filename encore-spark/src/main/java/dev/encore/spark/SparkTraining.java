package dev.encore.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.shiftrightunsigned;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.encore.als.AlsConfig;
import dev.encore.als.IterationStats;
import dev.encore.eval.MetricReport;
import dev.encore.index.IndexFile;
import dev.encore.index.IndexPolicy;
import dev.encore.index.IndexQuality;
import dev.encore.index.IndexSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The whole job on a running Spark session: read and check the plays, index the IDs into blocks,
 * hold out a test set (a hash split or a given file), train and evaluate on the cluster, train
 * the served model on every play when the split was a hash split, and write the model directory.
 * {@link TrainJob} is its command line.
 */
public final class SparkTraining {
  private static final Logger LOG = LoggerFactory.getLogger(SparkTraining.class);
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);
  private static final String TEST = "test";
  /** Held-out files' positions follow every training position, so training IDs number first. */
  private static final long TEST_POSITIONS = 1L << 62;
  /** Columns of the encoded plays: user block and local row, item block and local row, count. */
  private static final int USER_BLOCK = 0;
  private static final int USER_LOCAL = 1;
  private static final int ITEM_BLOCK = 2;
  private static final int ITEM_LOCAL = 3;
  private static final int COUNT_COLUMN = 4;

  /**
   * @param als the ALS settings; {@code threads} is the threads each Spark task solves with
   * @param testFraction share of the (user, item) pairs held out by hash when no test file is
   *     given; 0 trains on everything and evaluates nothing
   * @param cutoff k of precision@k and ndcg@k
   * @param index whether the model gets an approximate index (its catalogue size), built on the
   *     driver and written into the model directory
   */
  public record Settings(AlsConfig als, int userBlocks, int itemBlocks, int checkpointInterval, double testFraction,
      long splitSeed, int cutoff, IndexPolicy index) {
    public Settings {
      if (userBlocks < 1 || itemBlocks < 1) {
        throw new JobInputException("--blocks must be >= 1 (user blocks " + userBlocks + ", item blocks " + itemBlocks
            + ")");
      }
      if (!(testFraction >= 0 && testFraction < 1)) {
        throw new JobInputException("--test-fraction = " + testFraction + " must be in [0, 1)");
      }
      if (cutoff < 1) {
        throw new JobInputException("--cutoff = " + cutoff + " must be >= 1");
      }
    }
  }

  /** One fit's iterations with the shuffle bytes Spark measured for each (-1 where unknown). */
  public record FitReport(String name, List<IterationStats> iterations, List<Long> shuffleBytes,
      long expectedShuffleRowsPerIteration) {}

  /**
   * What a run did: sizes, fits, the held-out metrics (null when nothing was held out), the
   * index's measured quality (null when the catalogue is below the policy's size).
   */
  public record Result(String output, long users, long items, long trainingEntries, long testEntries,
      List<FitReport> fits, MetricReport evaluation, IndexQuality index) {}

  /** Listens to each iteration of each fit ("evaluation", then "final"). */
  public interface Listener {
    Listener NONE = (fit, stats, shuffleBytes) -> {};

    void iterationFinished(String fit, IterationStats stats, long shuffleBytes);
  }

  private SparkTraining() {}

  public static Result run(SparkSession session, PlaysSource input, PlaysSource heldOut, ModelOutput output,
      Settings settings, Listener listener) throws IOException {
    JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
    Configuration hadoop = spark.hadoopConfiguration();
    output.requireWritable(hadoop);
    ShuffleMeter meter = new ShuffleMeter();
    spark.sc().addSparkListener(meter);
    try {
      return train(session, spark, hadoop, input, heldOut, output, settings, listener, meter);
    } finally {
      spark.sc().removeSparkListener(meter);
    }
  }

  private static Result train(SparkSession session, JavaSparkContext spark, Configuration hadoop, PlaysSource input,
      PlaysSource heldOut, ModelOutput output, Settings settings, Listener listener, ShuffleMeter meter)
      throws IOException {
    Dataset<Row> plays = input.read(session);
    Dataset<Row> all = plays;
    if (heldOut != null) {
      Dataset<Row> test = heldOut.read(session);
      all = plays.withColumn(TEST, lit(false))
          .unionByName(test.withColumn(PlaysSource.POSITION, col(PlaysSource.POSITION).plus(TEST_POSITIONS))
              .withColumn(TEST, lit(true)));
    }
    IdBlocks users = IdBlocks.of("user", all, PlaysSource.USER, settings.userBlocks());
    IdBlocks items = IdBlocks.of("item", all, PlaysSource.ITEM, settings.itemBlocks());
    if (users.rowCount() == 0) {
      throw new JobInputException("input " + input.location() + " holds no plays");
    }
    LOG.info("indexed {} users into {} blocks and {} items into {} blocks", users.rowCount(), users.blocks(),
        items.rowCount(), items.blocks());
    // Built here rather than inside the first iteration, whose time would otherwise include them.
    users.blockIds().count();
    items.blockIds().count();

    Dataset<Row> summed = summed(all, heldOut != null, settings)
        .join(users.assignments().select(col(IdBlocks.ID).as(PlaysSource.USER), col(IdBlocks.BLOCK).as("ub"),
            col(IdBlocks.LOCAL).as("ul")), PlaysSource.USER)
        .join(items.assignments().select(col(IdBlocks.ID).as(PlaysSource.ITEM), col(IdBlocks.BLOCK).as("ib"),
            col(IdBlocks.LOCAL).as("il")), PlaysSource.ITEM)
        .select(col("ub"), col("ul"), col("ib"), col("il"), col(PlaysSource.COUNT).cast("float"), col(TEST))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> trainRows = summed.filter(col(TEST).equalTo(false));
    Dataset<Row> testRows = summed.filter(col(TEST).equalTo(true));
    long trainEntries = trainRows.count();
    long testEntries = testRows.count();
    if (trainEntries == 0) {
      throw new JobInputException("input " + input.location() + ": every play was held out; lower --test-fraction");
    }

    List<FitReport> fits = new ArrayList<>();
    MetricReport evaluation = null;
    AlsConfig als = settings.als();
    BlockSide[] trained = sides(users, items, trainRows);
    BlockedAls.Factors factors = fit(spark, settings, trained, testEntries > 0 && heldOut == null ? "evaluation"
        : "final", listener, meter, fits);
    if (testEntries > 0) {
      evaluation = ClusterEvaluation.evaluate(spark, trained[0], trained[1], factors, byUserBlock(testRows),
          als.factors(), settings.cutoff());
      LOG.info("held-out evaluation on {} entries: {}", testEntries, evaluation.byName());
      if (heldOut == null) {
        // The served model learns from every play, as the server's training does.
        release(trained);
        trained = sides(users, items, summed);
        factors = fit(spark, settings, trained, "final", listener, meter, fits);
      }
    }
    Map<String, ModelOutput.SideFile> sideFiles = new LinkedHashMap<>();
    ClusterIndex index = null;
    if (settings.index().wantsIndex(Math.toIntExact(items.rowCount()))) {
      index = ClusterIndex.build(trained[0], trained[1], factors, als.factors(),
          IndexSettings.defaults(Runtime.getRuntime().availableProcessors()));
      LOG.info("built the approximate index: {}", index.quality());
      sideFiles.put(IndexFile.IN_DIRECTORY, index::writeTo);
    }
    IndexQuality indexQuality = index == null ? null : index.quality();
    sideFiles.put(ModelOutput.EVALUATION, ModelOutput.SideFile.text(toJson(report(input, heldOut, settings, users,
        items, trainEntries, testEntries, fits, evaluation, indexQuality))));
    output.write(hadoop, spark.sc().applicationId(), als, trained[0], trained[1], factors, sideFiles);
    LOG.info("wrote the model to {}", output.location());
    release(trained);
    summed.unpersist(false);
    users.release();
    items.release();
    return new Result(output.location(), users.rowCount(), items.rowCount(), trainEntries, testEntries, fits,
        evaluation, indexQuality);
  }

  /** Plays summed per (user, item), with the test flag: from the files, or by hash. */
  private static Dataset<Row> summed(Dataset<Row> all, boolean fromFiles, Settings settings) {
    if (fromFiles) {
      return all.groupBy(col(PlaysSource.USER), col(PlaysSource.ITEM), col(TEST))
          .agg(sum(col(PlaysSource.COUNT)).as(PlaysSource.COUNT), min(col(PlaysSource.POSITION)).as("first"));
    }
    Dataset<Row> pairs = all.groupBy(col(PlaysSource.USER), col(PlaysSource.ITEM))
        .agg(sum(col(PlaysSource.COUNT)).as(PlaysSource.COUNT));
    // A pair is held out when a uniform draw from its hash falls under the fraction: the same
    // pairs for the same seed on any cluster and partitioning.
    return pairs.withColumn(TEST, shiftrightunsigned(xxhash64(col(PlaysSource.USER), col(PlaysSource.ITEM),
        lit(settings.splitSeed())), 11).multiply(pow(lit(2.0), lit(-53))).lt(settings.testFraction()));
  }

  private static BlockSide[] sides(IdBlocks users, IdBlocks items, Dataset<Row> entries) {
    BlockSide userSide = BlockSide.build(users, items.blocks(), byUserBlock(entries));
    BlockSide itemSide = BlockSide.build(items, users.blocks(), batches(entries, ITEM_BLOCK, ITEM_LOCAL, USER_BLOCK,
        USER_LOCAL));
    userSide.linkOutBlocks(itemSide);
    itemSide.linkOutBlocks(userSide);
    return new BlockSide[] {userSide, itemSide};
  }

  private static JavaPairRDD<Integer, PlayBatch> byUserBlock(Dataset<Row> entries) {
    return batches(entries, USER_BLOCK, USER_LOCAL, ITEM_BLOCK, ITEM_LOCAL);
  }

  /**
   * The summed plays of each partition in batches per destination block: the block and row
   * columns name the side they go to, the source columns the other side.
   */
  private static JavaPairRDD<Integer, PlayBatch> batches(Dataset<Row> entries, int blockColumn, int rowColumn,
      int sourceBlockColumn, int sourceLocalColumn) {
    return entries.javaRDD().mapPartitionsToPair(rows -> {
      Map<Integer, PlayBatch> open = new HashMap<>();
      List<Tuple2<Integer, PlayBatch>> full = new ArrayList<>();
      rows.forEachRemaining(row -> {
        int block = row.getInt(blockColumn);
        PlayBatch batch = open.computeIfAbsent(block, b -> new PlayBatch());
        batch.add(row.getInt(rowColumn), row.getInt(sourceBlockColumn), row.getInt(sourceLocalColumn),
            row.getFloat(COUNT_COLUMN));
        if (batch.isFull()) {
          full.add(new Tuple2<>(block, batch.trimmed()));
          open.remove(block);
        }
      });
      open.forEach((block, batch) -> full.add(new Tuple2<>(block, batch.trimmed())));
      return full.iterator();
    });
  }

  private static BlockedAls.Factors fit(JavaSparkContext spark, Settings settings, BlockSide[] sides, String name,
      Listener listener, ShuffleMeter meter, List<FitReport> fits) {
    long shippedRows = sides[0].shippedRowsPerHalfStep() + sides[1].shippedRowsPerHalfStep();
    List<IterationStats> iterations = new ArrayList<>();
    List<Long> shuffleBytes = new ArrayList<>();
    BlockedAls als = new BlockedAls(spark, settings.als(), settings.checkpointInterval(), name, stats -> {
      long bytes = meter.bytes(BlockedAls.jobGroup(name, stats.iteration()));
      iterations.add(stats);
      shuffleBytes.add(bytes);
      listener.iterationFinished(name, stats, bytes);
    });
    BlockedAls.Factors factors = als.fit(sides[0], sides[1]);
    fits.add(new FitReport(name, iterations, shuffleBytes, shippedRows));
    return factors;
  }

  private static void release(BlockSide[] sides) {
    for (BlockSide side : sides) {
      side.release();
    }
  }

  private static Map<String, Object> report(PlaysSource input, PlaysSource heldOut, Settings settings,
      IdBlocks users, IdBlocks items, long trainEntries, long testEntries, List<FitReport> fits,
      MetricReport evaluation, IndexQuality index) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("input", input.location());
    report.put("heldOut", heldOut != null ? heldOut.location()
        : settings.testFraction() > 0 ? "hash split, fraction " + settings.testFraction() + ", seed "
            + settings.splitSeed() : "none");
    report.put("users", users.rowCount());
    report.put("items", items.rowCount());
    report.put("userBlocks", users.blocks());
    report.put("itemBlocks", items.blocks());
    report.put("trainingEntries", trainEntries);
    report.put("testEntries", testEntries);
    report.put("settings", settings.als());
    report.put("evaluated", evaluation != null);
    if (evaluation != null) {
      report.put("metrics", evaluation.byName());
    }
    List<Map<String, Object>> fitReports = new ArrayList<>();
    for (FitReport fit : fits) {
      Map<String, Object> described = new LinkedHashMap<>();
      described.put("fit", fit.name());
      described.put("secondsPerIteration", fit.iterations().stream().map(IterationStats::seconds).toList());
      described.put("loss", fit.iterations().stream().map(stats -> Double.isNaN(stats.loss()) ? null : stats.loss())
          .toList());
      described.put("shuffleBytesPerIteration", fit.shuffleBytes());
      described.put("factorRowsShippedPerIteration", fit.expectedShuffleRowsPerIteration());
      fitReports.add(described);
    }
    report.put("fits", fitReports);
    report.put("index", index != null ? index : "none: " + settings.index().whyExact(null, Math.toIntExact(
        items.rowCount())));
    return report;
  }

  static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
