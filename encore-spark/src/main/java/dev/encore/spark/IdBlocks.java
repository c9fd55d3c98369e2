package dev.encore.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.row_number;

import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The dense indexing of one side (users or items), done on the cluster: each external ID is ranked
 * by its first appearance in the input (the single-node reader's numbering), goes to block
 * {@code murmur3(id) mod blocks} and is numbered within its block by rank. A row's global index
 * in the model is its block's first row plus its local number, blocks in order, so with one block
 * the numbering is the single-node reader's. Counts are longs: no
 * side is limited to an int's worth of IDs; only a block is.
 */
final class IdBlocks {
  static final String ID = "id";
  static final String BLOCK = "block";
  static final String LOCAL = "local";
  static final String RANK = "rank";

  private final String kind;
  private final Dataset<Row> assignments;
  private final int[] rowsPerBlock;
  private final long[] firstRows;
  private final long rowCount;
  private JavaPairRDD<Integer, BlockIds> blockIds;

  private IdBlocks(String kind, Dataset<Row> assignments, int[] rowsPerBlock) {
    this.kind = kind;
    this.assignments = assignments;
    this.rowsPerBlock = rowsPerBlock;
    this.firstRows = new long[rowsPerBlock.length + 1];
    for (int b = 0; b < rowsPerBlock.length; b++) {
      firstRows[b + 1] = firstRows[b] + rowsPerBlock[b];
    }
    this.rowCount = firstRows[rowsPerBlock.length];
  }

  /** Indexes the distinct values of {@code column} of {@code plays} into {@code blocks} blocks. */
  static IdBlocks of(String kind, Dataset<Row> plays, String column, int blocks) {
    JavaRDD<Row> firsts = plays.groupBy(col(column).as(ID))
        .agg(min(col(PlaysSource.POSITION)).as("first"))
        .javaRDD();
    // The rank of first appearance over the whole side, by a distributed sort: a row's initial
    // factors are drawn by it, so the model does not depend on the partitioning (first
    // positions are unique: each input line has one ID of each side).
    JavaRDD<Row> ranked = firsts.sortBy(row -> row.getLong(1), true, firsts.getNumPartitions())
        .zipWithIndex()
        .map(pair -> RowFactory.create(pair._1().getString(0), pair._2()));
    StructType schema = new StructType().add(ID, DataTypes.StringType, false).add(RANK, DataTypes.LongType, false);
    Dataset<Row> assignments = plays.sparkSession().createDataFrame(ranked, schema)
        .withColumn(BLOCK, pmod(hash(col(ID)), lit(blocks)))
        .withColumn(LOCAL, row_number().over(Window.partitionBy(BLOCK).orderBy(col(RANK))).minus(1))
        .select(col(ID), col(BLOCK), col(LOCAL).cast("int").as(LOCAL), col(RANK))
        .persist(StorageLevel.MEMORY_AND_DISK());
    int[] rowsPerBlock = new int[blocks];
    for (Row row : assignments.groupBy(BLOCK).count().collectAsList()) {
      long count = row.getLong(1);
      if (count > Integer.MAX_VALUE - 8) {
        throw new JobInputException("block " + row.getInt(0) + " of the " + kind + "s holds " + count + " IDs, more"
            + " than one block can: raise --blocks");
      }
      rowsPerBlock[row.getInt(0)] = (int) count;
    }
    return new IdBlocks(kind, assignments, rowsPerBlock);
  }

  String kind() {
    return kind;
  }

  /** Columns id, block, local, rank. */
  Dataset<Row> assignments() {
    return assignments;
  }

  int blocks() {
    return rowsPerBlock.length;
  }

  int rowsIn(int block) {
    return rowsPerBlock[block];
  }

  /** The global index of each block's first row, and the total at index {@code blocks()}. */
  long[] firstRows() {
    return firstRows.clone();
  }

  long rowCount() {
    return rowCount;
  }

  /**
   * Each block's IDs and ranks of first appearance in local order, one block per partition of
   * the side's partitioner; built once and kept.
   */
  JavaPairRDD<Integer, BlockIds> blockIds() {
    if (blockIds == null) {
      int[] sizes = rowsPerBlock.clone();
      blockIds = assignments.javaRDD()
          .mapToPair(row -> new Tuple2<>(row.getInt(1), row))
          .partitionBy(new HashPartitioner(blocks()))
          .mapPartitionsToPair(rows -> {
            int block = TaskContext.getPartitionId();
            BlockIds ids = new BlockIds(sizes[block]);
            rows.forEachRemaining(entry -> ids.set(entry._2().getInt(2), entry._2().getString(0),
                entry._2().getLong(3)));
            return List.of(new Tuple2<>(block, ids)).iterator();
          }, true)
          .persist(StorageLevel.MEMORY_AND_DISK());
    }
    return blockIds;
  }

  void release() {
    assignments.unpersist(false);
    if (blockIds != null) {
      blockIds.unpersist(false);
    }
  }
}
