package dev.encore.spark;

import dev.encore.data.Csr;
import dev.encore.eval.MetricReport;
import dev.encore.eval.MetricSums;
import dev.encore.eval.UserRanker;
import dev.encore.linalg.Kernels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Held-out precision@k, ndcg@k and the rest of {@link MetricReport}, computed on the cluster with
 * encore-core's own {@link UserRanker} and {@link MetricSums}: the definitions of
 * {@code RankingEvaluator}, block by block. Each user block scores its users against every item
 * (the item factors are broadcast: a model that is served fits in one JVM), skipping the items
 * the user trained on, and the blocks' sums merge on the driver in block order.
 */
final class ClusterEvaluation {
  private ClusterEvaluation() {}

  /**
   * @param test held-out plays keyed by user block: each play's row the user's local row, its
   *     source the item's block and local row
   */
  static MetricReport evaluate(JavaSparkContext spark, BlockSide users, BlockSide items,
      BlockedAls.Factors factors, JavaPairRDD<Integer, PlayBatch> test, int k, int cutoff) {
    long[] itemFirstRows = items.ids.firstRows();
    int itemCount = Math.toIntExact(items.ids.rowCount());
    Broadcast<float[]> itemFactors = spark.broadcast(items.gather(factors.items(), k));
    int[] userRows = new int[users.ids.blocks()];
    for (int b = 0; b < userRows.length; b++) {
      userRows[b] = users.ids.rowsIn(b);
    }
    JavaPairRDD<Integer, Csr> testRows = test.partitionBy(users.partitioner).mapPartitionsToPair(batches -> {
      int block = TaskContext.getPartitionId();
      BlockRows rows = new BlockRows(userRows[block], itemCount);
      batches.forEachRemaining(keyed -> {
        PlayBatch batch = keyed._2();
        for (int play = 0; play < batch.size(); play++) {
          rows.add(batch.row(play), Math.toIntExact(itemFirstRows[batch.sourceBlock(play)] + batch.sourceLocal(play)),
              batch.count(play));
        }
      });
      return List.of(new Tuple2<>(block, rows.toCsr())).iterator();
    }, true);
    List<Tuple2<Integer, MetricSums>> partial = new ArrayList<>(factors.users()
        .join(users.inBlocks, users.partitioner)
        .join(testRows, users.partitioner)
        .mapValues(block -> score(block._1()._1(), block._1()._2(), block._2(), itemFactors.value(), itemFirstRows,
            itemCount, k, cutoff))
        .collect());
    itemFactors.destroy();
    partial.sort(Comparator.comparing(Tuple2::_1));
    MetricSums total = new MetricSums(cutoff, itemListeners(items, itemCount), users.ids.rowCount());
    for (Tuple2<Integer, MetricSums> block : partial) {
      total.merge(block._2());
    }
    return total.report();
  }

  /** How many training listeners each item has, in global item order, for novelty. */
  private static int[] itemListeners(BlockSide items, int itemCount) {
    long[] firstRows = items.ids.firstRows();
    int[] listeners = new int[itemCount];
    for (Tuple2<Integer, int[]> block : items.inBlocks.mapValues(in -> {
      int[] lengths = new int[in.rows()];
      for (int row = 0; row < lengths.length; row++) {
        lengths[row] = in.plays.rowLength(row);
      }
      return lengths;
    }).collect()) {
      System.arraycopy(block._2(), 0, listeners, Math.toIntExact(firstRows[block._1()]), block._2().length);
    }
    return listeners;
  }

  private static MetricSums score(float[] userFactors, InBlock in, Csr test, float[] itemFactors,
      long[] itemFirstRows, int itemCount, int k, int cutoff) {
    Csr train = in.globalPlays(itemFirstRows, itemCount);
    MetricSums sums = new MetricSums(cutoff, itemCount);
    UserRanker ranker = new UserRanker(cutoff, itemCount);
    float[] scores = new float[itemCount];
    Kernels kernels = Kernels.INSTANCE;
    for (int user = 0; user < in.rows(); user++) {
      if (test.rowLength(user) == 0) {
        continue;
      }
      for (int item = 0; item < itemCount; item++) {
        scores[item] = kernels.dot(userFactors, user * k, itemFactors, item * k, k);
      }
      ranker.add(scores, train, user, test, user, sums);
    }
    return sums;
  }
}
