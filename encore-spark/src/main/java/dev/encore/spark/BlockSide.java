package dev.encore.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * One side of the blocked play matrix (users or items): its {@link InBlock}s (the rows it solves)
 * and its {@link OutBlock}s (the factor rows it ships to the other side), each block in the
 * partition of the same number, so joins between a side's RDDs need no shuffle.
 */
final class BlockSide {
  final IdBlocks ids;
  final HashPartitioner partitioner;
  final JavaPairRDD<Integer, InBlock> inBlocks;
  /** Filled by {@link #linkOutBlocks} once the other side's in-blocks exist. */
  JavaPairRDD<Integer, OutBlock> outBlocks;

  private BlockSide(IdBlocks ids, HashPartitioner partitioner, JavaPairRDD<Integer, InBlock> inBlocks) {
    this.ids = ids;
    this.partitioner = partitioner;
    this.inBlocks = inBlocks;
  }

  /**
   * The in-blocks of this side from batches of plays keyed by this side's block, each play's row
   * being its local row here and its source the other side's block and local row.
   */
  static BlockSide build(IdBlocks ids, int otherBlocks, JavaPairRDD<Integer, PlayBatch> plays) {
    HashPartitioner partitioner = new HashPartitioner(ids.blocks());
    int[] rows = new int[ids.blocks()];
    for (int b = 0; b < rows.length; b++) {
      rows[b] = ids.rowsIn(b);
    }
    JavaPairRDD<Integer, InBlock> inBlocks = plays.partitionBy(partitioner).mapPartitionsToPair(entries -> {
      int block = TaskContext.getPartitionId();
      List<PlayBatch> blockPlays = new ArrayList<>();
      entries.forEachRemaining(entry -> blockPlays.add(entry._2()));
      InBlock built = InBlock.build(block, rows[block], otherBlocks, blockPlays);
      return List.of(new Tuple2<>(block, built)).iterator();
    }, true).persist(StorageLevel.MEMORY_AND_DISK());
    return new BlockSide(ids, partitioner, inBlocks);
  }

  /**
   * This side's out-blocks are the other side's requests: block b of the other side needs rows
   * {@code needed[s]} of this side's block s.
   */
  void linkOutBlocks(BlockSide other) {
    int blocks = ids.blocks();
    int otherBlocks = other.ids.blocks();
    JavaRDD<Tuple2<Integer, Tuple2<Integer, int[]>>> requests = other.inBlocks.flatMap(pair -> {
      InBlock in = pair._2();
      List<Tuple2<Integer, Tuple2<Integer, int[]>>> out = new ArrayList<>();
      for (int source = 0; source < in.needed.length; source++) {
        if (in.needed[source].length > 0) {
          out.add(new Tuple2<>(source, new Tuple2<>(in.block, in.needed[source])));
        }
      }
      return out.iterator();
    });
    outBlocks = JavaPairRDD.fromJavaRDD(requests).partitionBy(partitioner).mapPartitionsToPair(entries -> {
      int block = TaskContext.getPartitionId();
      int[][] rowsFor = new int[otherBlocks][];
      entries.forEachRemaining(entry -> rowsFor[entry._2()._1()] = entry._2()._2());
      for (int destination = 0; destination < otherBlocks; destination++) {
        if (rowsFor[destination] == null) {
          rowsFor[destination] = new int[0];
        }
      }
      return List.of(new Tuple2<>(block, new OutBlock(rowsFor))).iterator();
    }, true).persist(StorageLevel.MEMORY_AND_DISK());
    if (blocks != outBlocks.getNumPartitions()) {
      throw new IllegalStateException("out-blocks have " + outBlocks.getNumPartitions() + " partitions, want " + blocks);
    }
  }

  /**
   * This side's factor rows ({@code factors}, k floats a row, block by block) in one array on the
   * driver, in global row order: the order of the model directory's parts. Fetched a block at a
   * time, so the driver never holds a second copy of the whole side.
   */
  float[] gather(JavaPairRDD<Integer, float[]> factors, int k) {
    long[] firstRows = ids.firstRows();
    float[] all = new float[Math.multiplyExact(Math.toIntExact(ids.rowCount()), k)];
    factors.toLocalIterator().forEachRemaining(block ->
        System.arraycopy(block._2(), 0, all, Math.toIntExact(firstRows[block._1()] * k), block._2().length));
    return all;
  }

  /** Factor rows this side ships to the other per half-step in which it is the fixed side. */
  long shippedRowsPerHalfStep() {
    return outBlocks.values().map(OutBlock::shippedRows).fold(0L, Long::sum);
  }

  void release() {
    inBlocks.unpersist(false);
    if (outBlocks != null) {
      outBlocks.unpersist(false);
    }
  }
}
