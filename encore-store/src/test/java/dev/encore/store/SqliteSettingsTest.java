package dev.encore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.encore.io.OwnerOnly;
import java.io.IOException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite connection settings the durability and concurrency promises rest on. */
class SqliteSettingsTest {
  @TempDir
  Path folder;

  EncoreStore store;

  @BeforeEach
  void open() {
    store = EncoreStore.open(StoreConfig.sqlite(folder.resolve("nested/data")));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private String pragma(String name) {
    return store.withHandle(handle -> handle.createQuery("PRAGMA " + name).mapTo(String.class).one());
  }

  @Test
  void everyConnectionRunsInWalModeWithFullSyncForeignKeysAndABusyTimeout() {
    assertThat(Files.isRegularFile(folder.resolve("nested/data/encore.db"))).isTrue();
    for (int i = 0; i < StoreConfig.DEFAULT_SQLITE_POOL_SIZE; i++) {
      assertThat(pragma("journal_mode")).isEqualToIgnoringCase("wal");
      assertThat(pragma("synchronous")).isEqualTo("2"); // FULL
      assertThat(pragma("foreign_keys")).isEqualTo("1");
      assertThat(pragma("busy_timeout")).isEqualTo(Integer.toString(EncoreStore.SQLITE_BUSY_TIMEOUT_MILLIS));
    }
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void theDatabaseItsWalAndShmFilesAndItsNewFolderAreOwnerOnly() throws IOException {
    assumeTrue(OwnerOnly.supported(folder), "POSIX permissions are not supported here");
    store.tracks().upsert(List.of(Track.bare("t1")));
    Path database = folder.resolve("nested/data").resolve(StoreConfig.SQLITE_FILE);
    for (Path file : SqliteFiles.withCompanions(database)) {
      assertThat(file).exists();
      assertThat(permissions(file)).as(file.toString()).isEqualTo("rw-------");
    }
    assertThat(permissions(database.getParent())).isEqualTo("rwx------");
  }

  @Test
  void aDatabaseLeftReadableByOthersIsNarrowedOnOpen() throws IOException {
    assumeTrue(OwnerOnly.supported(folder), "POSIX permissions are not supported here");
    store.close();
    Path database = folder.resolve("nested/data").resolve(StoreConfig.SQLITE_FILE);
    Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));
    store = EncoreStore.open(StoreConfig.sqlite(folder.resolve("nested/data")));
    assertThat(permissions(database)).isEqualTo("rw-------");
  }

  @Test
  void concurrentWritersQueueInsteadOfFailing() throws Exception {
    store.tracks().upsert(List.of(Track.bare("t1")));
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    ExecutorService writers = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int writer = 0; writer < 8; writer++) {
        String user = "listener-" + writer;
        results.add(writers.submit(() -> {
          int added = 0;
          for (int batch = 0; batch < 10; batch++) {
            List<PlayEvent> plays = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
              plays.add(new PlayEvent(user, "t1", start.plusSeconds(batch * 20L + i), 1, null, "api"));
            }
            added += store.plays().add(plays);
          }
          return added;
        }));
      }
      for (Future<Integer> result : results) {
        assertThat(result.get()).isEqualTo(200);
      }
    } finally {
      writers.shutdown();
    }
    assertThat(store.plays().count()).isEqualTo(8 * 200);
  }

  @Test
  void anInMemoryDatabaseIsRefusedWithTheReason() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> StoreConfig.of("jdbc:sqlite::memory:"))
        .hasMessageContaining("in-memory SQLite database");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> StoreConfig.of("jdbc:mysql://x/y"))
        .hasMessageContaining("use jdbc:sqlite:FILE or jdbc:postgresql://");
  }
}
