package dev.encore.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A play batch is durable once {@link PlayRepository#add} returns: a child JVM adds batches,
 * reports each one after {@code add} returns, and halts without closing the store (no shutdown
 * hooks, no pool close, no checkpoint); a fresh store on the same SQLite file then holds every
 * reported play.
 */
class SqliteDurabilityTest {
  private static final int BATCHES = 20;
  private static final int PLAYS_PER_BATCH = 50;

  @TempDir
  Path folder;

  @Test
  void everyBatchReportedAddedSurvivesAHaltedProcess() throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Child.class.getName(), folder.toString())
        .redirectErrorStream(true)
        .start();
    List<String> reports = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        reports.add(line);
      }
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    long reportedPlays = reports.stream().filter(line -> line.startsWith("added ")).count() * PLAYS_PER_BATCH;
    assertThat(reports).as("child output").contains("halting");
    assertThat(reportedPlays).isEqualTo((long) BATCHES * PLAYS_PER_BATCH);

    try (EncoreStore fresh = EncoreStore.open(StoreConfig.sqlite(folder))) {
      assertThat(fresh.plays().count()).isEqualTo(reportedPlays);
      assertThat(fresh.listeners().count()).isEqualTo(BATCHES);
    }
  }

  /** The child: adds batches, prints after each returns, halts with the store open. */
  public static final class Child {
    public static void main(String[] args) throws IOException {
      EncoreStore store = EncoreStore.open(StoreConfig.sqlite(Path.of(args[0])));
      store.tracks().upsert(List.of(Track.bare("t1")));
      Instant start = Instant.parse("2026-01-01T00:00:00Z");
      for (int batch = 0; batch < BATCHES; batch++) {
        List<PlayEvent> plays = new ArrayList<>();
        for (int i = 0; i < PLAYS_PER_BATCH; i++) {
          plays.add(new PlayEvent("listener-" + batch, "t1", start.plusSeconds(i), 1, null, "test"));
        }
        store.plays().add(plays);
        System.out.println("added " + batch);
        System.out.flush();
      }
      System.out.println("halting");
      System.out.flush();
      Runtime.getRuntime().halt(0);
    }
  }
}
