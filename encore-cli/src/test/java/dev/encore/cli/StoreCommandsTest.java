package dev.encore.cli;

import com.fasterxml.jackson.databind.ObjectMapper;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.model.ModelFile;
import dev.encore.store.EncoreStore;
import dev.encore.store.ModelRecord;
import dev.encore.store.StoreConfig;
import dev.encore.store.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code encore import} and {@code encore train --db}, end to end through the command line. */
class StoreCommandsTest {
  @TempDir
  Path folder;

  Path plays;
  Path tracks;
  Path dataDir;

  @BeforeEach
  void generate() {
    plays = folder.resolve("plays.tsv");
    tracks = folder.resolve("tracks.csv");
    dataDir = folder.resolve("encore-data");
    CliRun generate = CliRun.of("generate", "--preset", "tiny", "-o", plays.toString(), "--tracks-output",
        tracks.toString());
    assertThat(generate.exitCode()).as(generate.err()).isZero();
  }

  @Test
  void importThenReimportAddsNothingTheSecondTime() {
    CliRun first = CliRun.of("import", "--data-dir", dataDir.toString(), "--plays", plays.toString(), "--tracks",
        tracks.toString());
    CliRun second = CliRun.of("import", "--data-dir", dataDir.toString(), "--plays", plays.toString());

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("wrote 100 tracks", "created 0 tracks", "sqlite database now holds 200 listeners, 100 tracks");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("added 0 plays");
    assertThat(dataDir.resolve("encore.db")).isRegularFile();
    try (EncoreStore store = EncoreStore.open(StoreConfig.sqlite(dataDir))) {
      assertThat(store.plays().count()).isPositive();
      assertThat(second.out()).contains(String.format("%,d already stored", store.plays().count()));
    }
  }

  @Test
  void importAndTrainPrintOneJsonObjectWithJson() throws Exception {
    CliRun imported = CliRun.of("import", "--data-dir", dataDir.toString(), "--plays", plays.toString(), "--tracks",
        tracks.toString(), "--json");
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(imported.out());
    assertThat(report.at("/tracks/tracksWritten").asLong()).isEqualTo(100);
    assertThat(report.at("/tracks/read/source").asText()).isEqualTo(tracks.toString());
    try (EncoreStore store = EncoreStore.open(StoreConfig.sqlite(dataDir))) {
      assertThat(report.at("/plays/playsAdded").asLong()).isEqualTo(store.plays().count());
      assertThat(report.at("/database/plays").asLong()).isEqualTo(store.plays().count());
    }
    assertThat(report.at("/database/listeners").asLong()).isEqualTo(200);

    CliRun train = CliRun.of("train", "--db", "--data-dir", dataDir.toString(), "--factors", "8", "--iterations", "3",
        "--threads", "2", "--json");
    assertThat(train.exitCode()).as(train.err()).isZero();
    JsonNode trained = new ObjectMapper().readTree(train.out());
    assertThat(trained.get("version").asLong()).isEqualTo(1);
    assertThat(Path.of(trained.get("model").asText())).isRegularFile();
    assertThat(trained.at("/settings/als/factors").asInt()).isEqualTo(8);
    assertThat(trained.at("/metrics/als/precision@10").isNumber()).as(trained.toString()).isTrue();
  }

  @Test
  void aBadRowIsOneLineNamingFileLineAndFieldOrIsSkippedAndCountedOnRequest() throws Exception {
    Path bad = folder.resolve("bad.tsv");
    Files.writeString(bad, "user\titem\tvalue\nu1\tt1\t2\nu1\tt2\tmany\nu2\tt1\t1\n");

    CliRun failing = CliRun.of("import", "--data-dir", dataDir.toString(), "--plays", bad.toString());
    CliRun skipping = CliRun.of("import", "--data-dir", dataDir.toString(), "--plays", bad.toString(), "--skip-bad-rows");

    assertThat(failing.exitCode()).isEqualTo(1);
    assertThat(failing.err().strip()).isEqualTo("encore import: " + bad + ":3: field 'value' ('many') is not a number");
    assertThat(skipping.exitCode()).as(skipping.err()).isZero();
    assertThat(skipping.out()).contains("read 3 rows", "added 2 plays", "skipped 1 bad rows", bad + ":3:");
  }

  @Test
  void trainFromTheDatabasePrintsTheVersionAndMetricsAndRecordsTheModel() throws Exception {
    assertThat(CliRun.of("import", "--data-dir", dataDir.toString(), "--plays", plays.toString()).exitCode()).isZero();

    CliRun train = CliRun.of("train", "--db", "--data-dir", dataDir.toString(), "--factors", "8", "--iterations", "3",
        "--threads", "2");

    assertThat(train.exitCode()).as(train.err()).isZero();
    assertThat(train.out()).contains("trained model version 1", "precision@10", "popularity");
    try (EncoreStore store = EncoreStore.open(StoreConfig.sqlite(dataDir))) {
      ModelRecord ready = store.models().latestReady().orElseThrow();
      assertThat(ready.version()).isEqualTo(1);
      assertThat(ModelFile.load(Path.of(ready.file())).factors()).isEqualTo(8);
    }
    CliRun misuse = CliRun.of("train", "--db", "--data-dir", dataDir.toString(), "-o", "x.encore");
    assertThat(misuse.exitCode()).isEqualTo(1);
    assertThat(misuse.err()).contains("--output is for training on a file");
  }

  @Test
  void trainingAnEmptyDatabaseFailsInOneLineAndRecordsTheFailure() {
    CliRun train = CliRun.of("train", "--db", "--data-dir", dataDir.toString(), "--factors", "4", "--iterations", "1");

    assertThat(train.exitCode()).isEqualTo(1);
    assertThat(train.out()).contains("model version 1 failed");
    assertThat(train.err().strip()).isEqualTo("encore train: the database holds no plays: import or post plays before training");
  }

  @Test
  void importsIntoPostgreSqlByJdbcUrl() {
    StoreConfig postgres = PostgresServer.freshDatabase();

    CliRun run = CliRun.of("import", "--db", postgres.jdbcUrl(), "--db-user", postgres.user(), "--db-password",
        postgres.password(), "--plays", plays.toString(), "--tracks", tracks.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("postgresql database now holds 200 listeners, 100 tracks");
  }
}
