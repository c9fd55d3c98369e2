package dev.encore.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The database behind Encore: a HikariCP pool over SQLite or PostgreSQL, migrated with Flyway on
 * open, and the four repositories over it. Thread-safe; open one per process and close it on
 * shutdown.
 *
 * <p>SQLite runs in WAL mode (readers never block the writer) with {@code synchronous=FULL}, so a
 * committed transaction survives a power cut, a busy timeout so that concurrent writers queue
 * instead of failing, and every transaction begun {@code IMMEDIATE} so that two writers never
 * deadlock upgrading read locks. Its files are readable by their owner only ({@link SqliteFiles}).
 */
public final class EncoreStore implements AutoCloseable {
  /** How long a SQLite writer waits for the write lock before giving up. */
  static final int SQLITE_BUSY_TIMEOUT_MILLIS = 30_000;

  private final StoreConfig config;
  private final Vendor vendor;
  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private final ListenerRepository listeners;
  private final TrackRepository tracks;
  private final PlayRepository plays;
  private final ModelRepository models;

  private EncoreStore(StoreConfig config, HikariDataSource pool) {
    this.config = config;
    this.vendor = config.vendor();
    this.pool = pool;
    this.jdbi = Jdbi.create(pool);
    this.listeners = new ListenerRepository(this);
    this.tracks = new TrackRepository(this);
    this.plays = new PlayRepository(this);
    this.models = new ModelRepository(this);
  }

  /** Opens the pool and brings the schema up to date; fails with the reason when the database cannot be reached. */
  public static EncoreStore open(StoreConfig config) {
    Objects.requireNonNull(config, "config");
    Vendor.sqliteFile(config.jdbcUrl()).ifPresent(SqliteFiles::prepare);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(hikariConfig(config));
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot open the database " + config.jdbcUrl() + ": " + rootMessage(e), e);
    }
    try {
      Flyway.configure()
          .loggers("slf4j")
          .dataSource(pool)
          .locations("classpath:db/migration/common", "classpath:db/migration/" + config.vendor().id())
          .load()
          .migrate();
      EncoreStore store = new EncoreStore(config, pool);
      store.tracks().fillMissingSearchText();
      return store;
    } catch (RuntimeException e) {
      pool.close();
      throw new IllegalStateException("cannot migrate the database " + config.jdbcUrl() + ": " + rootMessage(e), e);
    }
  }

  private static HikariConfig hikariConfig(StoreConfig config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("encore-store");
    hikari.setJdbcUrl(config.jdbcUrl());
    hikari.setDriverClassName(config.vendor().driverClass());
    hikari.setUsername(config.user());
    hikari.setPassword(config.password());
    hikari.setMaximumPoolSize(config.maxPoolSize());
    if (config.vendor() == Vendor.SQLITE) {
      // sqlite-jdbc applies these connection properties as PRAGMAs on every new connection.
      hikari.addDataSourceProperty("journal_mode", "WAL");
      hikari.addDataSourceProperty("synchronous", "FULL");
      hikari.addDataSourceProperty("busy_timeout", Integer.toString(SQLITE_BUSY_TIMEOUT_MILLIS));
      hikari.addDataSourceProperty("foreign_keys", "true");
      hikari.addDataSourceProperty("transaction_mode", "IMMEDIATE");
    }
    return hikari;
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }

  public ListenerRepository listeners() {
    return listeners;
  }

  public TrackRepository tracks() {
    return tracks;
  }

  public PlayRepository plays() {
    return plays;
  }

  public ModelRepository models() {
    return models;
  }

  /** "sqlite" or "postgresql". */
  public String vendor() {
    return vendor.id();
  }

  public StoreConfig config() {
    return config;
  }

  /** True when a pooled connection answers within two seconds. */
  public boolean isHealthy() {
    if (pool.isClosed()) {
      return false;
    }
    try (Connection connection = pool.getConnection()) {
      return connection.isValid(2);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  <R, X extends Exception> R inTransaction(HandleCallback<R, X> work) throws X {
    try {
      return jdbi.inTransaction(work);
    } catch (JdbiException e) {
      throw databaseError(e);
    }
  }

  /** Runs {@code work} on a connection in auto-commit mode: for single statements and short reads. */
  <R, X extends Exception> R withHandle(HandleCallback<R, X> work) throws X {
    try {
      return jdbi.withHandle(work);
    } catch (JdbiException e) {
      throw databaseError(e);
    }
  }

  private StoreException databaseError(JdbiException error) {
    return new StoreException("database error (" + vendor.id() + "): " + rootMessage(error), error);
  }

  /**
   * Runs a long streaming read. PostgreSQL streams rows with a cursor only inside a transaction;
   * SQLite streams in auto-commit, where a read-only statement holds no write lock (a transaction
   * here would begin IMMEDIATE and stall every writer until the read ends).
   */
  <R, X extends Exception> R streamingRead(HandleCallback<R, X> work) throws X {
    return vendor == Vendor.POSTGRESQL ? inTransaction(work) : withHandle(work);
  }

  static void requirePage(int offset, int limit) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset " + offset + " must be >= 0");
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit " + limit + " must be >= 0");
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
