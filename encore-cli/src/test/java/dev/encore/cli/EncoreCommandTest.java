package dev.encore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.io.MovieLensReader;
import dev.encore.model.FactorModel;
import dev.encore.model.ModelDirectory;
import dev.encore.model.ModelFile;
import dev.encore.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncoreCommandTest {
  @TempDir
  Path folder;

  @Test
  void versionIsTheBuiltOne() {
    CliRun run = CliRun.of("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out().strip()).matches("encore \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }

  @Test
  void demoGeneratesTrainsEvaluatesAndExplains() {
    Path model = folder.resolve("demo.encore");
    CliRun run = CliRun.of("demo", "--preset", "tiny", "--factors", "8", "--iterations", "5", "--threads", "2",
        "--output", model.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Ranking quality", "precision@10", "because:", "largest parts");
    assertThat(model).isRegularFile();
  }

  @Test
  void namesFromTheDatasetArePrintedBesideTheIds() throws Exception {
    Path movieLens = SharedData.require("ml-100k");
    Path model = folder.resolve("ml.encore");
    assertThat(CliRun.of("train", "--data", movieLens.toString(), "--factors", "8", "--iterations", "2", "--no-auto",
        "-o", model.toString()).exitCode()).isZero();
    Map<String, String> titles = new MovieLensReader().readTitles(movieLens).names();
    String user = ModelFile.load(model).users().idOf(0);

    CliRun named = CliRun.of("recommend", "-m", model.toString(), "-u", user, "-n", "3", "--names", movieLens.toString(),
        "--json");
    assertThat(named.exitCode()).as(named.err()).isZero();
    for (JsonNode row : new ObjectMapper().readTree(named.out()).get("recommendations")) {
      assertThat(row.get("name").asText()).isEqualTo(titles.get(row.get("itemId").asText()));
    }
    String item = new ObjectMapper().readTree(named.out()).at("/recommendations/0/itemId").asText();
    CliRun similar = CliRun.of("similar", "-m", model.toString(), "--item", item, "-n", "2", "--names",
        movieLens.toString());
    assertThat(similar.out()).contains("name");
    CliRun wrong = CliRun.of("recommend", "-m", model.toString(), "-u", user, "--names", folder.toString());
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.err()).contains("neither u.item");
  }

  @Test
  void demoAndTrainPrintOneJsonObjectWithJson() throws Exception {
    CliRun demo = CliRun.of("demo", "--preset", "tiny", "--factors", "8", "--iterations", "5", "--threads", "2",
        "--listeners-shown", "2", "--output", folder.resolve("demo.encore").toString(), "--json");
    assertThat(demo.exitCode()).as(demo.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(demo.out());
    assertThat(report.at("/models/als/precision@10").isNumber()).isTrue();
    assertThat(report.get("listeners")).hasSize(2).allSatisfy(listener -> {
      assertThat(listener.get("recommendations")).hasSize(5);
      assertThat(listener.at("/recommendations/0/genre").asText()).isNotBlank();
      assertThat(listener.at("/because/itemId").asText()).isEqualTo(listener.at("/recommendations/0/trackId").asText());
      assertThat(listener.get("favouriteGenres").size()).isBetween(1, 3);
    });

    Path plays = folder.resolve("plays.tsv");
    CliRun.of("generate", "--preset", "tiny", "-o", plays.toString());
    CliRun train = CliRun.of("train", "--data", plays.toString(), "--factors", "8", "--iterations", "2", "--json",
        "-o", folder.resolve("m.encore").toString());
    assertThat(train.exitCode()).as(train.err()).isZero();
    JsonNode trained = new ObjectMapper().readTree(train.out());
    assertThat(trained.at("/data/users").asInt()).isEqualTo(200);
    assertThat(trained.at("/settings/factors").asInt()).isEqualTo(8);
    assertThat(trained.get("auto").asBoolean(true)).isFalse();
    assertThat(ModelFile.load(Path.of(trained.get("model").asText())).factors()).isEqualTo(8);
  }

  @Test
  void generateThenTrainThenRecommendSimilarAndExplain() throws Exception {
    Path plays = folder.resolve("plays.tsv");
    Path tracks = folder.resolve("tracks.csv");
    Path model = folder.resolve("model.encore");
    assertThat(CliRun.of("generate", "--preset", "tiny", "-o", plays.toString(), "--tracks-output", tracks.toString())
        .exitCode()).isZero();
    assertThat(Files.readAllLines(plays).get(0)).isEqualTo("user\titem\tvalue");
    assertThat(Files.readAllLines(tracks).get(0)).startsWith("track,genre,mood,mfcc1");
    CliRun train = CliRun.of("train", "--data", plays.toString(), "--factors", "8", "--iterations", "4",
        "--confidence", "log", "-o", model.toString());
    assertThat(train.exitCode()).as(train.err()).isZero();
    FactorModel loaded = ModelFile.load(model);
    assertThat(loaded.factors()).isEqualTo(8);
    String user = loaded.users().idOf(0);

    CliRun recommend = CliRun.of("recommend", "-m", model.toString(), "-u", user, "-n", "4", "--json");
    assertThat(recommend.exitCode()).as(recommend.err()).isZero();
    JsonNode recommendations = new ObjectMapper().readTree(recommend.out()).get("recommendations");
    assertThat(recommendations).hasSize(4);

    String item = recommendations.get(0).get("itemId").asText();
    assertThat(CliRun.of("similar", "-m", model.toString(), "--item", item, "-n", "3").out()).contains("rank");
    assertThat(CliRun.of("similar", "-m", model.toString(), "--user", user, "-n", "3").exitCode()).isZero();
    CliRun explain = CliRun.of("explain", "-m", model.toString(), "-u", user, "-i", item);
    assertThat(explain.out()).contains("for " + user, "largest parts");
    CliRun compare = CliRun.of("compare", model.toString(), model.toString(), "-k", "5");
    assertThat(compare.out()).contains("similar items: 1.000");

    // The same model as a directory of parts (the Spark job's format) answers the same.
    Path directory = folder.resolve("model-parts");
    ModelDirectory.save(loaded, directory, 3, 2);
    CliRun fromParts = CliRun.of("recommend", "-m", directory.toString(), "-u", user, "-n", "4", "--json");
    assertThat(fromParts.exitCode()).as(fromParts.err()).isZero();
    assertThat(fromParts.out()).isEqualTo(recommend.out());
  }

  @Test
  void evaluateOnTheReadyMovieLensSplitPrintsJsonWithBothModels() throws Exception {
    Path split = SharedData.require("splits/ml-100k");
    CliRun run = CliRun.of("evaluate", "--train", split.resolve("train.tsv").toString(), "--test",
        split.resolve("test.tsv").toString(), "--factors", "64", "--regularization", "0.05", "--alpha", "1",
        "--confidence", "linear", "--iterations", "15", "--solver", "cg", "--seed", "42", "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode models = new ObjectMapper().readTree(run.out()).get("models");
    assertThat(models.get("als").get("precision@10").asDouble()).isGreaterThanOrEqualTo(0.23);
    assertThat(models.get("als").get("ndcg@10").asDouble()).isGreaterThanOrEqualTo(0.22);
    assertThat(models.get("popularity").get("precision@10").asDouble()).isBetween(0.14, 0.18);
    for (String metric : new String[] {"map@10", "auc@10", "recall@10", "hitrate@10", "epr", "coverage@10", "gini@10",
        "novelty@10"}) {
      assertThat(models.get("als").has(metric)).as(metric).isTrue();
    }
    assertThat(new ObjectMapper().readTree(run.out()).get("auto").asBoolean(true)).as("settings given: no search")
        .isFalse();
  }

  @Test
  void evaluateWithNoSettingsChoosesThemOnAValidationSplitOfTheTrainingHalf() throws Exception {
    Path split = SharedData.require("splits/ml-100k");
    CliRun run = CliRun.of("evaluate", "--train", split.resolve("train.tsv").toString(), "--test",
        split.resolve("test.tsv").toString(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(run.out());
    JsonNode auto = report.get("auto");
    assertThat(auto.get("metric").asText()).isEqualTo("precision@10");
    assertThat(auto.get("candidates").size()).isGreaterThan(1);
    for (JsonNode candidate : auto.get("candidates")) {
      assertThat(candidate.get("score").asDouble()).isBetween(0.0, 1.0);
      assertThat(candidate.get("reason").asText()).isNotBlank();
    }
    assertThat(report.get("settings").get("factors").asInt()).isEqualTo(auto.get("chosen").get("factors").asInt());
    // Issue 11's target: the defaults gave 0.2399 on this split.
    assertThat(report.get("models").get("als").get("precision@10").asDouble()).isGreaterThanOrEqualTo(0.30);
  }

  @Test
  void tuneReportsEveryTrialAndTheBest() throws Exception {
    Path plays = folder.resolve("plays.tsv");
    CliRun.of("generate", "--preset", "tiny", "-o", plays.toString());
    CliRun run = CliRun.of("tune", "--data", plays.toString(), "--factors-grid", "2,8", "--iterations-grid", "0,5",
        "--threads", "2", "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.get("trials")).hasSize(4);
    assertThat(report.get("best").get("settings").get("iterations").asInt()).isEqualTo(5);

    // The table: each trial's metric ends where the header's metric name ends, whatever its settings' length.
    CliRun table = CliRun.of("tune", "--data", plays.toString(), "--factors-grid", "2,128", "--regularization-grid",
        "0.1,12.5", "--iterations", "2", "--threads", "2");
    List<String> lines = table.out().lines().toList();
    String header = lines.stream().filter(line -> line.contains("settings")).findFirst().orElseThrow();
    int metricEnd = header.indexOf("ndcg@10") + "ndcg@10".length();
    List<String> rows = lines.stream().filter(line -> line.matches("\\s+\\d+ .*")).toList();
    assertThat(rows).hasSize(4).allSatisfy(row -> {
      assertThat(row.substring(0, metricEnd)).matches(".*\\d\\.\\d{4}");
      assertThat(row.charAt(metricEnd)).isEqualTo(' ');
    });
  }

  @Test
  void badInputGivesOneLineAndANonZeroExit() throws Exception {
    Path bad = folder.resolve("bad.tsv");
    Files.writeString(bad, "user\titem\tvalue\nu1\ti1\t3\nu2\ti2\tlots\n");
    CliRun run = CliRun.of("train", "--data", bad.toString(), "-o", folder.resolve("m").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip()).doesNotContain("\n").contains(bad + ":3", "value", "lots");
    assertThat(folder.resolve("m")).doesNotExist();

    CliRun skipped = CliRun.of("train", "--data", bad.toString(), "--skip-bad", "--factors", "2", "--iterations", "1",
        "-o", folder.resolve("m").toString());
    assertThat(skipped.exitCode()).as(skipped.err()).isZero();
    assertThat(skipped.out()).contains("skipped 1");

    assertThat(CliRun.of("train", "--data", bad.toString(), "--factors", "0").err()).contains("factors");
    assertThat(CliRun.of("recommend", "-m", folder.resolve("missing").toString(), "-u", "x").exitCode()).isEqualTo(1);
    assertThat(CliRun.of("evaluate", "--train", bad.toString()).err()).contains("--train and --test go together");
    assertThat(CliRun.of("train", "--data", bad.toString(), "--solver", "lu").err()).contains("'lu'");
  }

  @Test
  void helpIsAvailableEverywhere() {
    for (String command : new String[] {"generate", "train", "recommend", "similar", "explain", "evaluate", "tune",
        "compare", "demo", "evaluate-cold-start"}) {
      CliRun run = CliRun.of(command, "--help");
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("Usage: encore " + command);
    }
  }
}
