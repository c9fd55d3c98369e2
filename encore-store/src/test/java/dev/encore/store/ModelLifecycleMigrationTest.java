package dev.encore.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.store.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A database made before the model lifecycle keeps serving what it served: the newest ready version. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ModelLifecycleMigrationTest {
  @Parameter
  TestDatabase database;

  @TempDir
  Path folder;

  @Test
  void theNewestReadyVersionOfAnOlderDatabaseServesAfterTheMigration() throws Exception {
    StoreConfig config = database.freshConfig(folder);
    Flyway.configure()
        .dataSource(config.jdbcUrl(), config.user(), config.password())
        .locations("classpath:db/migration/common", "classpath:db/migration/" + config.vendor().id())
        .target("2")
        .load()
        .migrate();
    try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password())) {
      insert(connection, "ready", 1_000);
      insert(connection, "ready", 2_000);
      insert(connection, "failed", 3_000);
    }

    try (EncoreStore store = EncoreStore.open(config)) {
      assertThat(store.models().serving()).isEqualTo(new ServingState(2L, false, 0));
      assertThat(store.models().find(2).orElseThrow().promotedAt()).isEqualTo(EpochMicros.toInstant(2_000));
      assertThat(store.models().find(1).orElseThrow().promotedAt()).isNull();
      assertThat(store.models().find(1).orElseThrow().promotionJson()).isNull();
    }
  }

  @Test
  void aDatabaseWithoutReadyVersionsServesNone() {
    try (EncoreStore store = database.open(folder)) {
      assertThat(store.models().serving().serving()).isEmpty();
    }
  }

  private static void insert(Connection connection, String status, long finishedAt) throws Exception {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO models (status, settings, file,"
        + " created_at, finished_at) VALUES (?, '{}', 'model.encore', 0, ?)")) {
      insert.setString(1, status);
      insert.setLong(2, finishedAt);
      insert.executeUpdate();
    }
  }
}
