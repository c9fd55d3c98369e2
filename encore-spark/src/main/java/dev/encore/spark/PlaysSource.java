package dev.encore.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Where the plays come from: Parquet, delimited text with a header (CSV, TSV) on any Hadoop file
 * system, or Encore's own PostgreSQL database over JDBC. {@link #read} returns one row per play
 * line with the columns {@code user} and {@code item} (strings of any length), {@code count}
 * (double) and {@code position} (the order of first appearance, which numbers the IDs as the
 * single-node reader does), after checking every row: a missing column, an empty ID or a count
 * that is not a positive finite number fails with the file and the column named.
 */
public record PlaysSource(String location, Format format, String userColumn, String itemColumn,
    String countColumn, String jdbcUser, String jdbcPassword, int jdbcPartitions) {

  /** How {@link #location} is read. */
  public enum Format {
    PARQUET, CSV, TSV, JDBC;

    /** The format a location's name implies: jdbc: URLs, .parquet, .csv, else TSV. */
    public static Format guess(String location) {
      String lower = location.toLowerCase(Locale.ROOT);
      if (lower.startsWith("jdbc:")) {
        return JDBC;
      }
      if (lower.endsWith(".parquet") || lower.endsWith(".parq")) {
        return PARQUET;
      }
      if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) {
        return CSV;
      }
      return TSV;
    }

    public static Format parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new JobInputException("format '" + name + "' is not one of parquet, csv, tsv, jdbc");
      }
    }
  }

  static final String USER = "user";
  static final String ITEM = "item";
  static final String COUNT = "count";
  static final String POSITION = "position";
  private static final String FILE = "_file";

  /**
   * Encore's play events summed per listener and track, numbered by first play: the same
   * aggregation as the server's training. One JDBC partition per hash bucket of the listener ID.
   */
  static final String ENCORE_PLAYS_QUERY = "SELECT listener_id AS \"user\", track_id AS item,"
      + " CAST(SUM(play_count) AS DOUBLE PRECISION) AS \"count\", MIN(played_at) AS position"
      + " FROM play_events GROUP BY listener_id, track_id";

  public PlaysSource {
    if (location == null || location.isBlank()) {
      throw new JobInputException("--input is required: a Parquet or delimited path, or a jdbc:postgresql:// URL");
    }
    if (jdbcPartitions < 1) {
      throw new JobInputException("--jdbc-partitions = " + jdbcPartitions + " must be >= 1");
    }
  }

  /** Reads and checks the plays; the result has the columns user, item, count, position. */
  public Dataset<Row> read(SparkSession spark) {
    Dataset<Row> raw = switch (format) {
      case JDBC -> readJdbc(spark);
      case PARQUET -> withPosition(spark.read().parquet(existing(spark)));
      case CSV, TSV -> withPosition(spark.read()
          .option("header", "true")
          .option("sep", format == Format.CSV ? "," : "\t")
          .option("mode", "FAILFAST")
          .csv(existing(spark)));
    };
    return checked(raw);
  }

  private String existing(SparkSession spark) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    try {
      Path path = new Path(location);
      FileSystem fs = path.getFileSystem(hadoop);
      FileStatus[] matches = fs.globStatus(path);
      if (matches == null || matches.length == 0) {
        throw new JobInputException("input " + location + " does not exist");
      }
      return location;
    } catch (IOException e) {
      throw new JobInputException("input " + location + " cannot be opened: " + e.getMessage());
    }
  }

  private Dataset<Row> withPosition(Dataset<Row> rows) {
    List<String> columns = Arrays.asList(rows.columns());
    for (String[] wanted : new String[][] {{"user", userColumn}, {"item", itemColumn}, {"count", countColumn}}) {
      if (!columns.contains(wanted[1])) {
        throw new JobInputException("input " + location + " has no " + wanted[0] + " column '" + wanted[1]
            + "' (its columns are " + String.join(", ", columns) + "); name it with --" + wanted[0] + "-column");
      }
    }
    // monotonically_increasing_id grows with the partition and the row within it, and a file's
    // splits are partitions in file order: the position of a line in its input.
    return rows.select(col(userColumn).cast(DataTypes.StringType).as(USER),
        col(itemColumn).cast(DataTypes.StringType).as(ITEM),
        col(countColumn).cast(DataTypes.StringType).as(COUNT),
        monotonically_increasing_id().as(POSITION),
        input_file_name().as(FILE));
  }

  private Dataset<Row> readJdbc(SparkSession spark) {
    Properties properties = new Properties();
    if (jdbcUser != null) {
      properties.setProperty("user", jdbcUser);
    }
    if (jdbcPassword != null) {
      properties.setProperty("password", jdbcPassword);
    }
    properties.setProperty("driver", "org.postgresql.Driver");
    List<String> predicates = new ArrayList<>();
    for (int i = 0; i < jdbcPartitions; i++) {
      predicates.add("mod(abs(hashtext(\"user\")::bigint), " + jdbcPartitions + ") = " + i);
    }
    String table = "(" + ENCORE_PLAYS_QUERY + ") AS plays";
    try {
      return spark.read().jdbc(location, table, predicates.toArray(String[]::new), properties)
          .select(col(USER), col(ITEM), col(COUNT).cast(DataTypes.StringType).as(COUNT), col(POSITION),
              lit(location).as(FILE));
    } catch (RuntimeException e) {
      throw new JobInputException("cannot read Encore's plays from " + location + ": " + e.getMessage());
    }
  }

  /** The first bad row, if any, fails the job; the good rows come back with a double count. */
  private Dataset<Row> checked(Dataset<Row> rows) {
    Column count = col(COUNT).try_cast(DataTypes.DoubleType);
    Column problem = when(col(USER).isNull().or(col(USER).equalTo("")),
        lit("an empty user ID (column '" + userColumn + "')"))
        .when(col(ITEM).isNull().or(col(ITEM).equalTo("")), lit("an empty item ID (column '" + itemColumn + "')"))
        .when(col(COUNT).isNull(), lit("no count (column '" + countColumn + "')"))
        .when(count.isNull().or(count.isNaN()), lit("a count that is not a number (column '" + countColumn + "')"))
        .when(count.leq(0).or(count.equalTo(Double.POSITIVE_INFINITY)),
            lit("a count that is not a positive finite number (column '" + countColumn + "')"));
    List<Row> bad = rows.withColumn("_problem", problem).filter(col("_problem").isNotNull()).limit(1).collectAsList();
    if (!bad.isEmpty()) {
      Row row = bad.get(0);
      throw new JobInputException("input " + row.getAs(FILE) + ": a row (user '" + row.getAs(USER) + "', item '"
          + row.getAs(ITEM) + "', count '" + row.getAs(COUNT) + "') has " + row.getAs("_problem"));
    }
    return rows.select(col(USER), col(ITEM), count.as(COUNT), col(POSITION));
  }
}
