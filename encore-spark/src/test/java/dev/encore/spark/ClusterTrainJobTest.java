package dev.encore.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.model.FactorModel;
import dev.encore.model.ModelFile;
import dev.encore.synth.SynthConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a real multi-JVM cluster: Spark's {@code local-cluster} mode starts a Master and two
 * Workers, each Worker launches its executor as a separate JVM, so factor blocks and shuffles
 * cross processes. The model must be bit for bit the one {@code local[2]} trains with the same
 * blocks, and still be so when an executor is killed (kill -9) during training and Spark
 * recovers by recomputing from the lineage and the checkpoints.
 */
class ClusterTrainJobTest {
  private static final long EXECUTOR_WAIT_MILLIS = 60_000;

  @TempDir
  Path work;

  @Test
  void executorsInTheirOwnJvmsTrainTheLocalModelEvenWhenOneIsKilled() throws Exception {
    Path plays = SparkFixtures.writePlays(SynthConfig.small(), work.resolve("plays.tsv"));
    List<String> settings = SparkFixtures.args("--input", plays, "--factors", 8, "--iterations", 6, "--blocks", 4,
        "--test-fraction", 0, "--checkpoint-interval", 2);

    Path local = work.resolve("local-model");
    SparkSession localSession = SparkFixtures.local(work, 2);
    try {
      run(localSession, settings, local, SparkTraining.Listener.NONE);
    } finally {
      stop(localSession);
    }
    FactorModel reference = ModelFile.load(local);

    SparkSession cluster = SparkSession.builder().config(clusterConf()).getOrCreate();
    try {
      JavaSparkContext spark = JavaSparkContext.fromSparkContext(cluster.sparkContext());
      List<Long> executorPids = executorPids(spark);
      assertThat(executorPids).as("one JVM per executor, none of them the driver").hasSize(2)
          .doesNotContain(ProcessHandle.current().pid());
      AtomicInteger removed = new AtomicInteger();
      spark.sc().addSparkListener(new SparkListener() {
        @Override
        public void onExecutorRemoved(SparkListenerExecutorRemoved event) {
          removed.incrementAndGet();
        }
      });

      Path crossProcess = work.resolve("cluster-model");
      run(cluster, settings, crossProcess, SparkTraining.Listener.NONE);
      assertSameModel(ModelFile.load(crossProcess), reference);
      assertThat(removed.get()).isZero();

      Path survived = work.resolve("killed-executor-model");
      AtomicLong killed = new AtomicLong(-1);
      run(cluster, settings, survived, (fit, stats, bytes) -> {
        if (stats.iteration() == 2 && killed.get() < 0) {
          long victim = executorPids.get(0);
          killed.set(victim);
          ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
        }
      });
      assertThat(killed.get()).isPositive();
      assertThat(ProcessHandle.of(killed.get()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(removed.get()).as("Spark saw the executor go").isPositive();
      assertSameModel(ModelFile.load(survived), reference);
    } finally {
      stop(cluster);
    }
  }

  private static void run(SparkSession session, List<String> settings, Path output, SparkTraining.Listener listener)
      throws Exception {
    List<String> args = new ArrayList<>(settings);
    args.addAll(SparkFixtures.args("--output", output));
    SparkFixtures.job(args.toArray(String[]::new)).run(session, listener);
  }

  private static void assertSameModel(FactorModel actual, FactorModel expected) {
    assertThat(actual.users()).isEqualTo(expected.users());
    assertThat(actual.items()).isEqualTo(expected.items());
    assertThat(actual.userFactors()).containsExactly(expected.userFactors());
    assertThat(actual.itemFactors()).containsExactly(expected.itemFactors());
    assertThat(actual.played().indices()).containsExactly(expected.played().indices());
  }

  /** Two Workers of one core and 1 GB each, executors started from the test's own classpath. */
  private SparkConf clusterConf() throws IOException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    linkJarsIntoSparkHome(classpath);
    return SparkFixtures.baseConf(work)
        .setMaster("local-cluster[2,1,1024]")
        .set("spark.executor.memory", "768m")
        .set("spark.executor.extraJavaOptions", SparkFixtures.executorJavaOptions())
        // without the application's classes on the executors' own classpath, lambdas fail to
        // deserialise there (STACK.md)
        .set("spark.executor.extraClassPath", classpath)
        .set("spark.task.maxFailures", "8");
  }

  /** local-cluster's Workers launch executors from SPARK_HOME/jars (STACK.md). */
  private static void linkJarsIntoSparkHome(String classpath) throws IOException {
    String home = System.getProperty("spark.test.home");
    assertThat(home).as("spark.test.home, set by the surefire configuration").isNotNull();
    Path jars = Path.of(home, "jars");
    Files.createDirectories(jars);
    for (String entry : classpath.split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      Path link = jars.resolve(jar.getFileName());
      if (entry.endsWith(".jar") && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(link, jar.toAbsolutePath());
      }
    }
  }

  private static List<Long> executorPids(JavaSparkContext spark) throws InterruptedException {
    long deadline = System.currentTimeMillis() + EXECUTOR_WAIT_MILLIS;
    while (spark.sc().statusTracker().getExecutorInfos().length < 3 && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    return spark.parallelize(IntStream.range(0, 64).boxed().toList(), 16)
        .map(i -> ProcessHandle.current().pid())
        .distinct()
        .collect();
  }

  private static void stop(SparkSession session) {
    session.stop();
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
  }
}
