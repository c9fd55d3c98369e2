package dev.encore.spark;

import dev.encore.data.Csr;
import dev.encore.data.IdIndex;
import dev.encore.data.Interactions;
import dev.encore.data.InteractionsBuilder;
import dev.encore.io.DelimitedFormat;
import dev.encore.io.DelimitedReader;
import dev.encore.model.FactorModel;
import dev.encore.synth.PlayGenerator;
import dev.encore.synth.SynthConfig;
import dev.encore.synth.TsvPlayWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

/** Shared set-up of the Spark tests: sessions, synthetic play files, the job's command line. */
final class SparkFixtures {
  private SparkFixtures() {}

  /** Spark's module opens, from the surefire configuration, for executors started in their own JVMs. */
  static String executorJavaOptions() {
    return System.getProperty("encore.spark.opens", "") + " --add-modules jdk.incubator.vector";
  }

  static SparkConf baseConf(Path work) {
    return new SparkConf()
        .setAppName("encore-spark-test")
        .set("spark.ui.enabled", "false")
        .set("spark.sql.shuffle.partitions", "4")
        .set("spark.default.parallelism", "4")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.local.dir", work.resolve("spark-local").toString());
  }

  static SparkSession local(Path work, int threads) {
    return SparkSession.builder().config(baseConf(work).setMaster("local[" + threads + "]")).getOrCreate();
  }

  /** Writes the synthetic plays of {@code config} as an Encore TSV (user, item, value). */
  static Path writePlays(SynthConfig config, Path file) throws IOException {
    PlayGenerator generator = new PlayGenerator(config);
    try (TsvPlayWriter writer = TsvPlayWriter.open(file, generator)) {
      generator.generate(writer);
    }
    return file;
  }

  /** Splits a play file's lines into train and test files by a seeded coin, headers kept. */
  static void splitLines(Path plays, double testFraction, long seed, Path train, Path test) throws IOException {
    List<String> lines = Files.readAllLines(plays, StandardCharsets.UTF_8);
    SplittableRandom random = new SplittableRandom(seed);
    try (BufferedWriter trainOut = Files.newBufferedWriter(train); BufferedWriter testOut = Files.newBufferedWriter(test)) {
      trainOut.write(lines.get(0) + "\n");
      testOut.write(lines.get(0) + "\n");
      for (String line : lines.subList(1, lines.size())) {
        (random.nextDouble() < testFraction ? testOut : trainOut).write(line + "\n");
      }
    }
  }

  /** Single-node train and test interactions over one index: training IDs first, as the job numbers them. */
  static Interactions[] readSplit(Path train, Path test) throws IOException {
    dev.encore.eval.Split split = dev.encore.eval.Split.readTsv(train, test);
    return new Interactions[] {split.train(), split.test()};
  }

  /** The same interactions numbered in {@code model}'s index order, so a model and its data line up. */
  static Interactions[] reindexed(FactorModel model, Interactions... interactions) {
    IdIndex.Builder users = new IdIndex.Builder("user");
    IdIndex.Builder items = new IdIndex.Builder("item");
    model.users().ids().forEach(users::intern);
    model.items().ids().forEach(items::intern);
    Interactions[] result = new Interactions[interactions.length];
    for (int n = 0; n < interactions.length; n++) {
      InteractionsBuilder builder = new InteractionsBuilder(users, items);
      Csr rows = interactions[n].userItems();
      for (int u = 0; u < rows.rows(); u++) {
        for (int p = rows.rowStart(u); p < rows.rowEnd(u); p++) {
          builder.add(interactions[n].users().idOf(u), interactions[n].items().idOf(rows.indices()[p]),
              rows.values()[p]);
        }
      }
      result[n] = builder.build();
    }
    return result;
  }

  static Interactions read(Path plays) throws IOException {
    InteractionsBuilder builder = new InteractionsBuilder();
    new DelimitedReader(DelimitedFormat.userItemValueTsv()).read(plays, builder);
    return builder.build();
  }

  /** The job parsed from its command line, as spark-submit would pass it. */
  static TrainJob job(String... args) {
    TrainJob job = new TrainJob();
    new CommandLine(job).parseArgs(args);
    return job;
  }

  static List<String> args(Object... parts) {
    List<String> list = new ArrayList<>();
    for (Object part : parts) {
      list.add(String.valueOf(part));
    }
    return list;
  }
}
