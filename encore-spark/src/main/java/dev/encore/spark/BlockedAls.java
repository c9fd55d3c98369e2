package dev.encore.spark;

import dev.encore.als.AlsConfig;
import dev.encore.als.EntryConfidences;
import dev.encore.als.HalfStep;
import dev.encore.als.InitialFactors;
import dev.encore.als.IterationStats;
import dev.encore.als.TrainingLoss;
import dev.encore.linalg.Gram;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.Optional;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Encore's implicit ALS over a blocked play matrix, one Spark stage per shipment and solve. Each
 * half-step:
 * <ol>
 *   <li>sums the fixed side's Gram matrix block by block with a tree aggregate (exactly, so the
 *       merge order does not matter: {@link ExactGramSum}) and broadcasts it;</li>
 *   <li>ships each fixed factor row once to every block that needs it ({@link OutBlock}), the
 *       only shuffle of the iteration's data;</li>
 *   <li>solves every row of each target block with encore-core's {@link HalfStep} over the rows it
 *       received, the same exact or CG solver as a single-node training.</li>
 * </ol>
 * Items are solved first, then users, as in {@code AlsTrainer}. Each half-step's blocks are
 * persisted and, every {@code checkpointInterval} iterations, checkpointed, so the lineage (and
 * the scheduler's recursion over it) stays short however many iterations run and a lost executor
 * costs at most that many iterations of recomputation. Deterministic for a seed and a
 * partitioning: every row's solve reads only the previous half-step's factors. The initial
 * factors do not depend on the partitioning at all, so different block counts differ only by
 * floating-point summation order.
 */
final class BlockedAls {
  /** Hears about each finished iteration on the driver. */
  interface Progress {
    void iterationFinished(IterationStats stats);
  }

  private final JavaSparkContext spark;
  private final AlsConfig config;
  private final int checkpointInterval;
  private final String name;
  private final Progress progress;

  /**
   * @param config the settings; {@code threads} is the threads each Spark task solves with
   * @param name names the fit's Spark job groups ({@link #jobGroup})
   */
  BlockedAls(JavaSparkContext spark, AlsConfig config, int checkpointInterval, String name, Progress progress) {
    if (checkpointInterval < 1) {
      throw new JobInputException("--checkpoint-interval = " + checkpointInterval + " must be >= 1");
    }
    this.spark = spark;
    this.config = config;
    this.checkpointInterval = checkpointInterval;
    this.name = name;
    this.progress = progress;
  }

  /** The trained factors of both sides, each block in the partition of its number. */
  record Factors(JavaPairRDD<Integer, float[]> users, JavaPairRDD<Integer, float[]> items) {}

  Factors fit(BlockSide users, BlockSide items) {
    JavaPairRDD<Integer, float[]> userFactors = initial(users, InitialFactors.userSeed(config.seed()));
    JavaPairRDD<Integer, float[]> itemFactors = initial(items, InitialFactors.itemSeed(config.seed()));
    JavaPairRDD<Integer, SolvedBlock> previousUsers = null;
    JavaPairRDD<Integer, SolvedBlock> previousItems = null;
    for (int iteration = 1; iteration <= config.iterations(); iteration++) {
      long start = System.nanoTime();
      spark.setJobGroup(jobGroup(name, iteration), "Encore ALS iteration " + iteration + " of " + config.iterations(),
          false);
      JavaPairRDD<Integer, SolvedBlock> solvedItems = halfStep(users, userFactors, items, itemFactors, false);
      double itemLoss = materialize(solvedItems, iteration);
      itemFactors = solvedItems.mapValues(solved -> solved.factors);
      release(previousItems);
      previousItems = solvedItems;

      JavaPairRDD<Integer, SolvedBlock> solvedUsers = halfStep(items, itemFactors, users, userFactors, true);
      double userLoss = materialize(solvedUsers, iteration);
      userFactors = solvedUsers.mapValues(solved -> solved.factors);
      release(previousUsers);
      previousUsers = solvedUsers;
      spark.clearJobGroup();
      double seconds = (System.nanoTime() - start) / 1e9;
      double loss = config.computeLoss() ? userLoss + itemLoss : Double.NaN;
      progress.iterationFinished(new IterationStats(iteration, config.iterations(), seconds, loss));
    }
    return new Factors(userFactors, itemFactors);
  }

  /** The job group of an iteration's Spark jobs, by which {@link ShuffleMeter} counts its bytes. */
  static String jobGroup(String fit, int iteration) {
    return "encore-" + fit + "-iteration-" + iteration;
  }

  /** Each row's initial factors are the single-node draws of its rank of first appearance. */
  private JavaPairRDD<Integer, float[]> initial(BlockSide side, long seed) {
    int k = config.factors();
    float sigma = config.initSigma();
    return side.ids.blockIds().mapValues(ids -> {
      float[] factors = new float[ids.ranks.length * k];
      for (int row = 0; row < ids.ranks.length; row++) {
        InitialFactors.fill(factors, row * k, ids.ranks[row], 1, k, seed, sigma);
      }
      return factors;
    });
  }

  private JavaPairRDD<Integer, SolvedBlock> halfStep(BlockSide fixedSide, JavaPairRDD<Integer, float[]> fixedFactors,
      BlockSide targetSide, JavaPairRDD<Integer, float[]> targetFactors, boolean targetIsUsers) {
    AlsConfig settings = config;
    int k = settings.factors();
    Broadcast<double[]> gram = spark.broadcast(gram(fixedFactors, settings));
    long fixedRows = fixedSide.ids.rowCount();
    JavaPairRDD<Integer, FactorShipment> shipments = fixedFactors.join(fixedSide.outBlocks, fixedSide.partitioner)
        .flatMapToPair(block -> {
          float[] factors = block._2()._1();
          OutBlock out = block._2()._2();
          List<Tuple2<Integer, FactorShipment>> sent = new ArrayList<>();
          for (int destination = 0; destination < out.rowsFor.length; destination++) {
            if (out.rowsFor[destination].length > 0) {
              sent.add(new Tuple2<>(destination, new FactorShipment(block._1(), out.gather(destination, factors, k))));
            }
          }
          return sent.iterator();
        });
    JavaPairRDD<Integer, Iterable<FactorShipment>> received = shipments.groupByKey(targetSide.partitioner);
    return targetSide.inBlocks.join(targetFactors, targetSide.partitioner)
        .leftOuterJoin(received, targetSide.partitioner)
        .mapValues(block -> solve(settings, gram.value(), fixedRows, block._1()._1(), block._1()._2(), block._2(),
            targetIsUsers));
  }

  private static SolvedBlock solve(AlsConfig config, double[] gram, long fixedRows, InBlock in, float[] previous,
      Optional<Iterable<FactorShipment>> shipments, boolean targetIsUsers) {
    int k = config.factors();
    float[] fixed = new float[in.receivedRows * k];
    if (shipments.isPresent()) {
      for (FactorShipment shipment : shipments.get()) {
        System.arraycopy(shipment.rows, 0, fixed, in.receivedOffsets[shipment.sourceBlock] * k, shipment.rows.length);
      }
    }
    // The cached previous factors are the warm start; they must stay as they are for recovery.
    float[] target = previous.clone();
    EntryConfidences confidences = in.confidences(config.confidence());
    HalfStep.solve(config, gram, fixedRows, in.plays, confidences, fixed, target);
    double loss = Double.NaN;
    if (config.computeLoss()) {
      loss = targetIsUsers
          ? TrainingLoss.userTerms(config, gram, fixedRows, in.plays, confidences, target, fixed)
          : TrainingLoss.itemRegularization(config, fixedRows, in.plays, target);
    }
    return new SolvedBlock(target, loss);
  }

  /** {@code F'F} of a side, summed exactly over its blocks. */
  static double[] gram(JavaPairRDD<Integer, float[]> factors, AlsConfig config) {
    int k = config.factors();
    int threads = config.threads();
    return factors.values().treeAggregate(new ExactGramSum(k),
        (sum, block) -> sum.add(Gram.compute(block, block.length / k, k, threads)),
        ExactGramSum::merge, 2).toDoubles();
  }

  /** Computes and keeps a half-step's blocks; returns their loss terms summed in block order. */
  private double materialize(JavaPairRDD<Integer, SolvedBlock> solved, int iteration) {
    solved.persist(StorageLevel.MEMORY_AND_DISK());
    if (iteration % checkpointInterval == 0 && spark.getCheckpointDir().isPresent()) {
      solved.checkpoint();
    }
    List<Tuple2<Integer, Double>> losses = new ArrayList<>(solved.mapValues(block -> block.loss).collect());
    losses.sort(Comparator.comparing(Tuple2::_1));
    double total = 0;
    for (Tuple2<Integer, Double> loss : losses) {
      total += loss._2();
    }
    return total;
  }

  private static void release(JavaPairRDD<Integer, SolvedBlock> previous) {
    if (previous != null) {
      previous.unpersist(false);
    }
  }
}
