package dev.encore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.content.FeatureTable;
import dev.encore.io.TrackFeaturesReader;
import dev.encore.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentCommandsTest {
  @TempDir
  Path folder;

  @Test
  void importValidatesAnEncoreCsvAndReportsMissingValuesPerFeature() throws Exception {
    Path input = Files.writeString(folder.resolve("in.csv"), """
        track,genre,mood,tempo,energy,mfcc7
        a,rock|blues,calm,120,0.5,
        b,,happy,,0.7,
        c,jazz,,90,0.2,3.5
        """);
    Path output = folder.resolve("out/tracks.csv");
    Files.createDirectories(output.getParent());

    CliRun run = CliRun.of("features", "import", "--from", "csv", input.toString(), "-o", output.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("imported 3 tracks with 3 features, 3 genres and 2 moods", "(csv)")
        .contains("tempo", "1  ( 33.3%)").contains("mfcc7", "2  ( 66.7%)")
        .contains("1 of 3 features have a value for every track");
    FeatureTable written = new TrackFeaturesReader().read(output).table();
    assertThat(written.trackCount()).isEqualTo(3);
    assertThat(written.genres(0)).containsExactly("rock", "blues");
    assertThat(written.value(1, written.featureIndex("tempo"))).isNaN();
    assertThat(written.value(2, written.featureIndex("mfcc7"))).isEqualTo(3.5f);
  }

  @Test
  void importStopsAtABadValueNamingFileLineAndColumnAndWritesNothing() throws Exception {
    Path input = Files.writeString(folder.resolve("in.csv"), "track,tempo\na,120\nb,fast\n");
    Path output = folder.resolve("tracks.csv");

    CliRun run = CliRun.of("features", "import", "--from", "csv", input.toString(), "-o", output.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip()).isEqualTo("encore import: " + input + ":3: field 'tempo' ('fast') is not a number");
    assertThat(output).doesNotExist();
    CliRun skipping = CliRun.of("features", "import", "--from", "csv", input.toString(), "-o", output.toString(),
        "--skip-bad", "--json");
    JsonNode summary = new ObjectMapper().readTree(skipping.out());
    assertThat(summary.get("tracks").asInt()).isEqualTo(1);
    assertThat(summary.get("rowsSkipped").asInt()).isEqualTo(1);
  }

  @Test
  void importMapsGtzanOntoEncoresVector() throws Exception {
    Path gtzan = SharedData.require("gtzan/features_30_sec.csv");
    Path output = folder.resolve("gtzan.csv");

    CliRun run = CliRun.of("features", "import", "--from", "gtzan", gtzan.toString(), "-o", output.toString(), "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(run.out());
    assertThat(summary.get("tracks").asInt()).isEqualTo(1000);
    assertThat(summary.get("genres")).hasSize(10);
    assertThat(summary.get("missing").get("beat_strength").asInt()).isEqualTo(1000);
    assertThat(summary.get("missing").get("tempo").asInt()).isZero();
    assertThat(Files.readAllLines(output).get(0)).startsWith("track,genre,mood,mfcc1,mfcc2");
    assertThat(new TrackFeaturesReader().read(output).table().featureCount()).isEqualTo(63);
  }

  @Test
  void evaluateContentPrintsTheGenrePrecisionTable() throws Exception {
    Path gtzan = SharedData.require("gtzan/features_30_sec.csv");

    CliRun run = CliRun.of("evaluate-content", "--gtzan", gtzan.toString(), "--folds", "3", "--inner-folds", "2",
        "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.get("methods")).extracting(method -> method.get("name").asText())
        .containsExactly("random", "plain-cosine", "robust-cosine", "learned-metric");
    assertThat(report.get("methods").get(3).get("precision").asDouble())
        .isGreaterThan(report.get("methods").get(1).get("precision").asDouble());
    assertThat(report.get("foldChoices")).hasSize(3);
    CliRun missing = CliRun.of("evaluate-content", "--gtzan", folder.resolve("none.csv").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("no GTZAN features file at", "--gtzan FILE");
  }
}
