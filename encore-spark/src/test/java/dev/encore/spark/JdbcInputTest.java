package dev.encore.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.data.Interactions;
import dev.encore.model.FactorModel;
import dev.encore.model.ModelFile;
import dev.encore.store.EncoreStore;
import dev.encore.store.PlayAggregation;
import dev.encore.store.PlayEvent;
import dev.encore.store.StoreConfig;
import dev.encore.store.Track;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job reading Encore's own PostgreSQL database over JDBC, as a production deployment would. */
class JdbcInputTest {
  @TempDir
  Path work;

  @Test
  void playsFromEncoresDatabaseTrainAModelOfTheSummedPlays() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
      Interactions stored;
      try (EncoreStore store = EncoreStore.open(StoreConfig.of(url).withCredentials("postgres", "postgres"))) {
        List<Track> tracks = new ArrayList<>();
        for (int t = 0; t < 40; t++) {
          tracks.add(Track.bare("track-" + t));
        }
        store.tracks().upsert(tracks);
        SplittableRandom random = new SplittableRandom(3);
        List<PlayEvent> plays = new ArrayList<>();
        for (int event = 0; event < 2_000; event++) {
          int listener = random.nextInt(60);
          // listeners favour the tracks of their own third of the catalogue
          int track = random.nextDouble() < 0.8 ? (listener % 3) * 13 + random.nextInt(13) : random.nextInt(40);
          plays.add(new PlayEvent("listener-" + listener, "track-" + track,
              Instant.ofEpochSecond(1_700_000_000L + event), 1 + random.nextInt(3), null, "test"));
        }
        store.plays().add(plays);
        stored = store.plays().interactions(PlayAggregation.sum());
      }

      Path output = work.resolve("from-postgres");
      SparkSession spark = SparkFixtures.local(work, 2);
      try {
        SparkFixtures.job("--input", url, "--jdbc-user", "postgres", "--jdbc-partitions", "3", "--output",
            output.toString(), "--factors", "4", "--iterations", "3", "--blocks", "2", "--test-fraction", "0")
            .run(spark, SparkTraining.Listener.NONE);
      } finally {
        spark.stop();
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
      }

      FactorModel model = ModelFile.load(output);
      assertThat(model.users().ids()).containsExactlyInAnyOrderElementsOf(stored.users().ids());
      assertThat(model.items().ids()).containsExactlyInAnyOrderElementsOf(stored.items().ids());
      assertThat(model.played().nnz()).isEqualTo(stored.nnz());
      for (int u = 0; u < stored.users().size(); u++) {
        int row = model.users().indexOf(stored.users().idOf(u));
        for (int p = stored.userItems().rowStart(u); p < stored.userItems().rowEnd(u); p++) {
          int item = model.items().indexOf(stored.items().idOf(stored.userItems().indices()[p]));
          assertThat(model.played().get(row, item)).as("summed plays of %s", stored.users().idOf(u))
              .isEqualTo(stored.userItems().values()[p]);
        }
      }
    }
  }
}
