package dev.encore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The content, hybrid and cold-start commands on a tiny generated catalogue. */
class HybridCommandsTest {
  @TempDir
  static Path folder;
  static Path plays;
  static Path tracks;
  static Path tracksWithNew;
  static Path model;

  @BeforeAll
  static void generateAndTrain() throws Exception {
    plays = folder.resolve("plays.tsv");
    tracks = folder.resolve("tracks.csv");
    model = folder.resolve("model.encore");
    CliRun generate = CliRun.of("generate", "--preset", "tiny", "-o", plays.toString(), "--tracks-output",
        tracks.toString());
    assertThat(generate.exitCode()).as(generate.err()).isZero();
    CliRun train = CliRun.of("train", "--data", plays.toString(), "--factors", "8", "--iterations", "5",
        "--threads", "2", "-o", model.toString());
    assertThat(train.exitCode()).as(train.err()).isZero();
    // The same catalogue plus one track nobody has played: a copy of t000's sound under a new ID.
    List<String> lines = new ArrayList<>(Files.readAllLines(tracks));
    String first = lines.stream().filter(line -> line.startsWith("t000,")).findFirst().orElseThrow();
    lines.add("fresh" + first.substring(first.indexOf(',')));
    tracksWithNew = folder.resolve("tracks-new.csv");
    Files.write(tracksWithNew, lines);
  }

  private static JsonNode json(CliRun run) throws Exception {
    assertThat(run.exitCode()).as(run.err()).isZero();
    return new ObjectMapper().readTree(run.out());
  }

  private static List<String> ids(JsonNode list, String field) {
    List<String> ids = new ArrayList<>();
    list.forEach(node -> ids.add(node.get(field).asText()));
    return ids;
  }

  @Test
  void everyStrategyRecommendsUnplayedTracks() throws Exception {
    List<String> played = Files.readAllLines(plays).stream().filter(line -> line.startsWith("u000\t"))
        .map(line -> line.split("\t")[1]).toList();
    for (String strategy : new String[] {"als", "content", "popular", "hybrid"}) {
      JsonNode result = json(CliRun.of("recommend", "-m", model.toString(), "-u", "u000", "-n", "5", "--strategy",
          strategy, "--features", tracks.toString(), "--json"));
      assertThat(result.get("strategy").asText()).isEqualTo(strategy);
      assertThat(ids(result.get("recommendations"), "itemId")).as(strategy).hasSize(5).doesNotContainAnyElementsOf(played);
    }
  }

  @Test
  void contentAndHybridSayWhy() throws Exception {
    JsonNode content = json(CliRun.of("recommend", "-m", model.toString(), "-u", "u000", "-n", "3", "--strategy",
        "content", "--features", tracks.toString(), "--why", "--json"));
    assertThat(content.get("recommendations").get(0).get("why").asText()).contains("of plays genre");
    CliRun hybrid = CliRun.of("recommend", "-m", model.toString(), "-u", "u000", "-n", "3", "--strategy", "hybrid",
        "--features", tracks.toString(), "--weights", "1,1,0", "--why");
    assertThat(hybrid.exitCode()).as(hybrid.err()).isZero();
    assertThat(hybrid.out()).contains("als ", "content ", "popularity +0.00");
  }

  @Test
  void aNewcomerIsFoldedInAndAListenerWithoutPlaysGetsPopularTracksOfTheirPick() throws Exception {
    JsonNode newcomer = json(CliRun.of("recommend", "-m", model.toString(), "--played", "t001:4,t002", "-n", "4",
        "--strategy", "hybrid", "--features", tracks.toString(), "--json"));
    assertThat(ids(newcomer.get("recommendations"), "itemId")).hasSize(4).doesNotContain("t001", "t002");
    JsonNode als = json(CliRun.of("recommend", "-m", model.toString(), "--played", "t001:4,t002", "-n", "4", "--json"));
    assertThat(als.get("recommendations")).hasSize(4);

    JsonNode starters = json(CliRun.of("recommend", "-m", model.toString(), "--new-listener", "--genre", "rock",
        "-n", "3", "--features", tracks.toString(), "--json"));
    List<String> rockTracks = Files.readAllLines(tracks).stream().filter(line -> line.contains(",rock,"))
        .map(line -> line.substring(0, line.indexOf(','))).toList();
    assertThat(ids(starters.get("recommendations"), "itemId")).hasSize(3).isSubsetOf(rockTracks);
  }

  @Test
  void aTrackWithFeaturesButNoPlaysCanBeRecommendedAndListedAsSimilar() throws Exception {
    JsonNode similar = json(CliRun.of("similar", "-m", model.toString(), "-i", "fresh", "-n", "3", "--features",
        tracksWithNew.toString(), "--json"));
    assertThat(similar.get("similar")).hasSize(3);
    JsonNode all = json(CliRun.of("recommend", "-m", model.toString(), "-u", "u000", "-n", "100", "--features",
        tracksWithNew.toString(), "--json"));
    assertThat(ids(all.get("recommendations"), "itemId")).contains("fresh");
    CliRun unknown = CliRun.of("similar", "-m", model.toString(), "-i", "fresh");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("'fresh'");
  }

  @Test
  void similarByContentAndByHybrid() throws Exception {
    JsonNode content = json(CliRun.of("similar", "-i", "t000", "-n", "4", "--by", "content", "--features",
        tracks.toString(), "--why", "--json"));
    assertThat(ids(content.get("similar"), "id")).hasSize(4).doesNotContain("t000");
    assertThat(content.get("similar").get(0).has("why")).isTrue();
    JsonNode hybrid = json(CliRun.of("similar", "-m", model.toString(), "-i", "t000", "-n", "4", "--by", "hybrid",
        "--features", tracks.toString(), "--json"));
    assertThat(ids(hybrid.get("similar"), "id")).hasSize(4).doesNotContain("t000");
  }

  @Test
  void aMissingInputIsAClearError() throws Exception {
    CliRun content = CliRun.of("recommend", "-m", model.toString(), "-u", "u000", "--strategy", "content");
    assertThat(content.exitCode()).isEqualTo(1);
    assertThat(content.err()).contains("--strategy content needs --features FILE");
    assertThat(CliRun.of("recommend", "-m", model.toString(), "-u", "u000", "--strategy", "fancy").err())
        .contains("'fancy' is not one of als, content, popular, hybrid");
    assertThat(CliRun.of("recommend", "-m", model.toString(), "-u", "u000", "--weights", "1,1,1").err())
        .contains("add --strategy hybrid");
    assertThat(CliRun.of("recommend", "-m", model.toString(), "--played", "t001:lots").err())
        .contains("--played 't001:lots': play count 'lots' is not a number");
    assertThat(CliRun.of("recommend", "-m", model.toString(), "--new-listener", "--genre", "polka", "--features",
        tracks.toString()).err()).contains("genre 'polka' is not a tag of any track");
    assertThat(CliRun.of("similar", "-i", "t000", "--by", "hybrid", "--features", tracks.toString()).err())
        .contains("--by hybrid needs --model FILE");
    assertThat(CliRun.of("similar", "-m", model.toString(), "-u", "u000", "--by", "content", "--features",
        tracks.toString()).err()).contains("similar listeners are found by --by cf");
    assertThat(CliRun.of("tune", "--data", plays.toString(), "--strategy", "hybrid").err())
        .contains("--strategy hybrid needs --features FILE");
    Path broken = folder.resolve("broken.csv");
    CliRun bad = CliRun.of("recommend", "-m", model.toString(), "-u", "u000", "--strategy", "content", "--features",
        writeBroken(broken).toString());
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err().strip()).doesNotContain("\n").contains(broken + ":3", "tempo", "fast");
  }

  private static Path writeBroken(Path file) throws Exception {
    Files.writeString(file, "track,genre,tempo\nt000,rock,120\nt001,pop,fast\n");
    return file;
  }

  @Test
  void tuneSearchesTheBlendAroundOneAlsModel() throws Exception {
    JsonNode report = json(CliRun.of("tune", "--strategy", "hybrid", "--data", plays.toString(), "--features",
        tracks.toString(), "--factors", "8", "--iterations", "5", "--threads", "2", "--als-weight-grid", "1",
        "--content-weight-grid", "0,1", "--popularity-weight-grid", "0,0.5", "--normalization-grid", "z-score,rank",
        "--json"));
    assertThat(report.get("strategy").asText()).isEqualTo("hybrid");
    assertThat(report.get("trials")).hasSize(8);
    double best = report.get("best").get("metrics").get("ndcg@10").asDouble();
    report.get("trials").forEach(trial ->
        assertThat(trial.get("metrics").get("ndcg@10").asDouble()).isLessThanOrEqualTo(best));
    assertThat(report.get("best").get("settings").has("normalization")).isTrue();
    assertThat(CliRun.of("tune", "--strategy", "hybrid", "--data", plays.toString(), "--features", tracks.toString(),
        "--factors-grid", "4,8").err()).contains("keeps ALS fixed");
  }

  @Test
  void evaluateWithFeaturesComparesTheHybridWithEachPart() throws Exception {
    JsonNode report = json(CliRun.of("evaluate", "--data", plays.toString(), "--features", tracks.toString(),
        "--split", "ratio", "--factors", "8", "--iterations", "5", "--threads", "2", "--weights", "1,1,0.25",
        "--json"));
    assertThat(report.get("models").fieldNames()).toIterable()
        .containsExactlyInAnyOrder("als", "content", "popularity", "hybrid");
    assertThat(report.get("blendTuned").asBoolean()).isFalse();
    assertThat(report.get("models").get("hybrid").get("ndcg@10").asDouble()).isPositive();
  }

  @Test
  void evaluateColdStartPrintsEveryMethodSideBySide() throws Exception {
    CliRun table = CliRun.of("evaluate-cold-start", "--preset", "tiny", "--factors", "8", "--threads", "2", "-k", "10");
    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out()).contains("recall@10", "cold-start als", "content", "hybrid", "popularity", "random", "n/a");
    JsonNode report = json(CliRun.of("evaluate-cold-start", "--preset", "tiny", "--factors", "8", "--threads", "2",
        "--json"));
    assertThat(report.get("newTracks").asInt()).isEqualTo(10);
    assertThat(report.get("amongAllTracks").get("cold-start als").has("recall@50")).isTrue();
    assertThat(report.get("amongNewTracks").has("popularity")).isFalse();
  }

  @Test
  void evaluateColdStartRunsOnTheUsersOwnPlaysAndFeatures() throws Exception {
    JsonNode report = json(CliRun.of("evaluate-cold-start", "--data", plays.toString(), "--features", tracks.toString(),
        "--factors", "8", "--threads", "2", "-k", "3", "--json"));
    assertThat(report.get("tracks").asInt()).isEqualTo(100);
    assertThat(report.get("newTracks").asInt()).isEqualTo(10);
    // Three of the ten new tracks: random finds about 0.3 of a listener's; their sound should find more.
    double random = report.at("/amongNewTracks/random/recall@3").asDouble();
    assertThat(report.at("/amongNewTracks/content/recall@3").asDouble()).isGreaterThan(random);
    CliRun withoutFeatures = CliRun.of("evaluate-cold-start", "--data", plays.toString());
    assertThat(withoutFeatures.exitCode()).isEqualTo(1);
    assertThat(withoutFeatures.err()).contains("--data needs --features FILE");
  }
}
