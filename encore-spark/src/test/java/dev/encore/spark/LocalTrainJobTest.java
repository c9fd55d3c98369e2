package dev.encore.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.data.Confidence;
import dev.encore.data.Interactions;
import dev.encore.eval.MetricReport;
import dev.encore.eval.RankingEvaluator;
import dev.encore.index.IndexFile;
import dev.encore.index.IndexPolicy;
import dev.encore.index.IndexSettings;
import dev.encore.index.ItemIndex;
import dev.encore.index.ModelIndexes;
import dev.encore.model.FactorModel;
import dev.encore.model.ModelFile;
import dev.encore.synth.SynthConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job in {@code local[2]}: against single-node Encore, on bad input, and over many iterations. */
class LocalTrainJobTest {
  private static final int FACTORS = 16;

  @TempDir
  static Path work;

  private static SparkSession spark;
  private static Path plays;
  private static Path train;
  private static Path test;

  @BeforeAll
  static void start() throws IOException {
    spark = SparkFixtures.local(work, 2);
    plays = SparkFixtures.writePlays(SynthConfig.small(), work.resolve("plays.tsv"));
    train = work.resolve("train.tsv");
    test = work.resolve("test.tsv");
    SparkFixtures.splitLines(plays, 0.2, 7, train, test);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static AlsConfig singleNode(int iterations) {
    return AlsConfig.defaults().withFactors(FACTORS).withIterations(iterations)
        .withConfidence(Confidence.log(2f, 1f)).withRegularization(1f).withThreads(2);
  }

  private static List<String> settings(int iterations) {
    return SparkFixtures.args("--factors", FACTORS, "--iterations", iterations, "--confidence", "log", "--alpha", 2,
        "--regularization", 1);
  }

  private static SparkTraining.Result run(List<String> args) throws Exception {
    return SparkFixtures.job(args.toArray(String[]::new)).run(spark, SparkTraining.Listener.NONE);
  }

  @Test
  void oneBlockReproducesSingleNodeTrainingRowByRow() throws Exception {
    Path output = work.resolve("one-block");
    List<String> args = settings(8);
    args.addAll(SparkFixtures.args("--input", train, "--output", output, "--blocks", 1, "--test-fraction", 0));
    run(args);

    FactorModel distributed = ModelFile.load(output);
    FactorModel reference = new AlsTrainer(singleNode(8)).fit(SparkFixtures.read(train));
    assertThat(distributed.users()).isEqualTo(reference.users());
    assertThat(distributed.items()).isEqualTo(reference.items());
    assertThat(distributed.played().indices()).containsExactly(reference.played().indices());
    assertThat(distributed.played().values()).containsExactly(reference.played().values());
    assertClose(distributed.userFactors(), reference.userFactors(), 1e-5f);
    assertClose(distributed.itemFactors(), reference.itemFactors(), 1e-5f);
  }

  @Test
  void manyBlocksScoreAsSingleNodeAndTheClusterEvaluatesLikeRankingEvaluator() throws Exception {
    Path output = work.resolve("blocks");
    List<String> args = settings(10);
    args.addAll(SparkFixtures.args("--input", train, "--test", test, "--output", output, "--user-blocks", 3,
        "--item-blocks", 2));
    SparkTraining.Result result = run(args);

    Interactions[] split = SparkFixtures.readSplit(train, test);
    FactorModel reference = new AlsTrainer(singleNode(10)).fit(split[0]);
    MetricReport single = RankingEvaluator.evaluate(reference, split[0], split[1], 10, 2);
    MetricReport cluster = result.evaluation();
    assertThat(cluster.precision()).isCloseTo(single.precision(), within(0.01 * single.precision()));
    assertThat(cluster.ndcg()).isCloseTo(single.ndcg(), within(0.01 * single.ndcg()));
    assertThat(single.precision()).as("a model that learned something").isGreaterThan(0.05);

    // The cluster's metrics of its own factors are RankingEvaluator's on the same factors.
    FactorModel distributed = ModelFile.load(output);
    Interactions[] inModelOrder = SparkFixtures.reindexed(distributed, split);
    MetricReport sameFactors = RankingEvaluator.evaluate(distributed, inModelOrder[0], inModelOrder[1], 10, 2);
    assertThat(cluster.users()).isEqualTo(sameFactors.users());
    assertThat(cluster.precision()).isCloseTo(sameFactors.precision(), within(1e-9));
    assertThat(cluster.ndcg()).isCloseTo(sameFactors.ndcg(), within(1e-9));
    assertThat(Files.readString(output.resolve(ModelOutput.EVALUATION))).contains("\"precision@10\"");
  }

  @Test
  void aHashSplitEvaluatesThenTrainsTheServedModelOnEveryPlay() throws Exception {
    Path output = work.resolve("hash-split");
    List<String> args = settings(4);
    args.addAll(SparkFixtures.args("--input", plays, "--output", output, "--test-fraction", 0.2));
    SparkTraining.Result result = run(args);

    assertThat(result.fits()).extracting(SparkTraining.FitReport::name).containsExactly("evaluation", "final");
    long pairs = SparkFixtures.read(plays).nnz();
    assertThat(result.trainingEntries() + result.testEntries()).isEqualTo(pairs);
    assertThat((double) result.testEntries() / pairs).isCloseTo(0.2, within(0.01));
    assertThat(ModelFile.load(output).played().nnz()).isEqualTo((int) pairs);
    assertThat(result.evaluation().precision()).isGreaterThan(0.05);
    // 1,000 tracks are below the default --index-min-tracks: no index, and the report says why.
    assertThat(result.index()).isNull();
    assertThat(output.resolve(IndexFile.IN_DIRECTORY)).doesNotExist();
    assertThat(Files.readString(output.resolve(ModelOutput.EVALUATION))).contains("below the 200,000");
    for (SparkTraining.FitReport fit : result.fits()) {
      assertThat(fit.iterations()).hasSize(4);
      assertThat(fit.iterations().get(3).loss()).isLessThan(fit.iterations().get(0).loss());
      // each shipped float row costs at least its 4k bytes
      assertThat(fit.shuffleBytes()).allSatisfy(bytes ->
          assertThat(bytes).isGreaterThanOrEqualTo(fit.expectedShuffleRowsPerIteration() * 4L * FACTORS));
    }
  }

  @Test
  void theIndexIsBuiltIntoTheModelDirectoryAndServedFromIt() throws Exception {
    Path output = work.resolve("indexed");
    List<String> args = settings(4);
    args.addAll(SparkFixtures.args("--input", train, "--output", output, "--user-blocks", 3, "--item-blocks", 2,
        "--test-fraction", 0, "--index-min-tracks", 0));
    SparkTraining.Result result = run(args);

    Path indexFile = output.resolve(IndexFile.IN_DIRECTORY);
    assertThat(IndexFile.forModel(output)).isEqualTo(indexFile);
    assertThat(indexFile).isRegularFile();
    FactorModel model = ModelFile.load(output);
    // The file holds a checksum of the item factors it was built over, in order: it loads only
    // if the driver gathered the blocks in the model directory's item order.
    ItemIndex index = IndexFile.load(indexFile, model.itemFactors(), model.items().size(), model.factors());
    assertThat(index.quality()).isEqualTo(result.index());
    assertThat(result.index().recall()).isGreaterThanOrEqualTo(IndexPolicy.DEFAULT.minRecall());
    assertThat(Files.readString(output.resolve(ModelOutput.EVALUATION))).contains("\"scoreRecall\"");

    // Served as written: attaching finds the index and builds nothing.
    FileTime written = Files.getLastModifiedTime(indexFile);
    List<String> complaints = new ArrayList<>();
    FactorModel served = ModelIndexes.attach(model, output, new IndexPolicy(0, 0.5), IndexSettings.defaults(2),
        complaints::add);
    assertThat(served.index()).isPresent();
    assertThat(complaints).isEmpty();
    assertThat(Files.getLastModifiedTime(indexFile)).isEqualTo(written);
  }

  @Test
  void theListenersTheIndexIsCalibratedOnAreDistinctAndUniform() {
    assertThat(ClusterIndex.distinctRows(5, 300, 1)).containsExactly(0, 1, 2, 3, 4);
    long[] rows = ClusterIndex.distinctRows(1_000_000, 300, 42);
    assertThat(rows).hasSize(300).isSorted().doesNotHaveDuplicates();
    assertThat(rows[0]).isGreaterThanOrEqualTo(0);
    assertThat(rows[299]).isLessThan(1_000_000);
    // uniform: about half below the middle (a binomial(300, 1/2) lies within 150 +- 45 w.p. 1 - 2e-7)
    assertThat(java.util.Arrays.stream(rows).filter(row -> row < 500_000).count()).isBetween(105L, 195L);
    assertThat(ClusterIndex.distinctRows(1_000_000, 300, 42)).containsExactly(rows);
  }

  @Test
  void parquetInputTrainsTheSameModelAsTheTsv() throws Exception {
    Path parquet = work.resolve("train.parquet");
    spark.read().option("header", "true").option("sep", "\t").csv(train.toString()).coalesce(1)
        .write().mode(SaveMode.Overwrite).parquet(parquet.toString());
    Path fromTsv = work.resolve("from-tsv");
    Path fromParquet = work.resolve("from-parquet");
    for (Path[] run : new Path[][] {{train, fromTsv}, {parquet, fromParquet}}) {
      List<String> args = settings(3);
      args.addAll(SparkFixtures.args("--input", run[0], "--output", run[1], "--blocks", 2, "--test-fraction", 0));
      run(args);
    }
    FactorModel tsv = ModelFile.load(fromTsv);
    FactorModel parquetModel = ModelFile.load(fromParquet);
    assertThat(parquetModel.users()).isEqualTo(tsv.users());
    assertThat(parquetModel.userFactors()).containsExactly(tsv.userFactors());
    assertThat(parquetModel.itemFactors()).containsExactly(tsv.itemFactors());
  }

  @Test
  void fiftyIterationsRunWithTheirLineageCutByCheckpoints() throws Exception {
    Path tiny = SparkFixtures.writePlays(SynthConfig.tiny(), work.resolve("tiny.tsv"));
    Path output = work.resolve("fifty");
    Path checkpoints = work.resolve("fifty-checkpoints");
    SparkTraining.Result result = run(SparkFixtures.args("--input", tiny, "--output", output, "--factors", 4,
        "--iterations", 50, "--blocks", 2, "--test-fraction", 0, "--checkpoint-dir", checkpoints,
        "--checkpoint-interval", 5));
    assertThat(result.fits().get(0).iterations()).hasSize(50);
    try (Stream<Path> files = Files.walk(checkpoints)) {
      assertThat(files.filter(path -> path.getFileName().toString().startsWith("rdd-")).count())
          .as("checkpointed RDDs").isGreaterThanOrEqualTo(10);
    }
    assertThat(ModelFile.load(output).users().size()).isEqualTo(SparkFixtures.read(tiny).users().size());
  }

  @Test
  void aMissingColumnIsNamedAndNothingIsWritten() throws IOException {
    Path file = work.resolve("no-count.tsv");
    Files.writeString(file, "user\titem\n" + "u1\tt1\n");
    Path output = work.resolve("never");
    assertThatThrownBy(() -> run(SparkFixtures.args("--input", file, "--output", output)))
        .isInstanceOf(JobInputException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("no count column 'value'")
        .hasMessageContaining("its columns are user, item");
    assertThat(output).doesNotExist();
  }

  @Test
  void aNonNumericCountIsNamedWithItsFileAndRow() throws IOException {
    Path file = work.resolve("bad-count.tsv");
    Files.writeString(file, "user\titem\tvalue\n" + "u1\tt1\t3\n" + "u2\tt1\tmany\n");
    assertThatThrownBy(() -> run(SparkFixtures.args("--input", file, "--output", work.resolve("never"))))
        .isInstanceOf(JobInputException.class)
        .hasMessageContaining("bad-count.tsv").hasMessageContaining("user 'u2'")
        .hasMessageContaining("count 'many'").hasMessageContaining("not a number (column 'value')");
  }

  @Test
  void anEmptyInputAndAMissingPathAreClearErrors() throws IOException {
    Path empty = work.resolve("empty.tsv");
    Files.writeString(empty, "user\titem\tvalue\n");
    assertThatThrownBy(() -> run(SparkFixtures.args("--input", empty, "--output", work.resolve("never"))))
        .isInstanceOf(JobInputException.class).hasMessageContaining("holds no plays");
    Path missing = work.resolve("nowhere.tsv");
    assertThatThrownBy(() -> run(SparkFixtures.args("--input", missing, "--output", work.resolve("never"))))
        .isInstanceOf(JobInputException.class).hasMessageContaining(missing + " does not exist");
  }

  @Test
  void aFailedJobLeavesTheGoodModelInPlace() throws Exception {
    Path tiny = SparkFixtures.writePlays(SynthConfig.tiny(), work.resolve("tiny-good.tsv"));
    Path output = work.resolve("kept");
    run(SparkFixtures.args("--input", tiny, "--output", output, "--factors", 4, "--iterations", 2,
        "--test-fraction", 0));
    FactorModel good = ModelFile.load(output);
    assertThatThrownBy(() -> run(SparkFixtures.args("--input", tiny, "--output", output)))
        .isInstanceOf(JobInputException.class).hasMessageContaining("already exists; pass --overwrite");

    Path bad = work.resolve("bad-late.tsv");
    Files.writeString(bad, "user\titem\tvalue\n" + "u1\tt1\t-2\n");
    assertThatThrownBy(() -> run(SparkFixtures.args("--input", bad, "--output", output, "--overwrite")))
        .isInstanceOf(JobInputException.class).hasMessageContaining("not a positive finite number");
    assertThat(ModelFile.load(output).userFactors()).containsExactly(good.userFactors());
    try (Stream<Path> siblings = Files.list(output.getParent())) {
      assertThat(siblings.map(path -> path.getFileName().toString()).filter(name -> name.contains(".tmp")))
          .isEmpty();
    }
  }

  static void assertClose(float[] actual, float[] expected, float relative) {
    assertThat(actual).hasSameSizeAs(expected);
    float scale = 0;
    for (float value : expected) {
      scale = Math.max(scale, Math.abs(value));
    }
    List<Integer> far = new ArrayList<>();
    for (int i = 0; i < actual.length; i++) {
      if (Math.abs(actual[i] - expected[i]) > relative * scale) {
        far.add(i);
      }
    }
    assertThat(far).as("positions differing by more than %s of the largest value %s", relative, scale).isEmpty();
  }
}
