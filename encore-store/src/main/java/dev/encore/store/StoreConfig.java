package dev.encore.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the database is and how many connections to keep: a JDBC URL ({@code jdbc:sqlite:FILE}
 * or {@code jdbc:postgresql://HOST/DB}), optional credentials and the pool size.
 *
 * @param jdbcUrl the database's JDBC URL
 * @param user the user name, or null when the URL carries it (or SQLite, which has none)
 * @param password the password, or null
 * @param maxPoolSize the most connections the pool opens
 * @param limits how large stored IDs and tracks may be
 */
public record StoreConfig(String jdbcUrl, String user, String password, int maxPoolSize, StoreLimits limits) {
  /** The SQLite file {@link #sqlite(Path)} puts in the data directory. */
  public static final String SQLITE_FILE = "encore.db";
  /**
   * SQLite writes one transaction at a time whatever the pool, and readers need no more than a
   * few connections under WAL; more connections only queue on the write lock.
   */
  public static final int DEFAULT_SQLITE_POOL_SIZE = 4;
  /** HikariCP's own default. */
  public static final int DEFAULT_POSTGRESQL_POOL_SIZE = 10;

  public StoreConfig {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Vendor.of(jdbcUrl);
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("maxPoolSize " + maxPoolSize + " must be >= 1");
    }
    Objects.requireNonNull(limits, "limits");
  }

  /** With the default limits. */
  public StoreConfig(String jdbcUrl, String user, String password, int maxPoolSize) {
    this(jdbcUrl, user, password, maxPoolSize, StoreLimits.defaults());
  }

  public StoreConfig withLimits(StoreLimits newLimits) {
    return new StoreConfig(jdbcUrl, user, password, maxPoolSize, newLimits);
  }

  /** SQLite in {@code dataDirectory/encore.db}, created on open together with the folder. */
  public static StoreConfig sqlite(Path dataDirectory) {
    Path file = dataDirectory.toAbsolutePath().normalize().resolve(SQLITE_FILE);
    return new StoreConfig("jdbc:sqlite:" + file, null, null, DEFAULT_SQLITE_POOL_SIZE);
  }

  /** The database at {@code jdbcUrl}, no separate credentials, the vendor's default pool size. */
  public static StoreConfig of(String jdbcUrl) {
    Vendor vendor = Vendor.of(jdbcUrl);
    return new StoreConfig(jdbcUrl, null, null,
        vendor == Vendor.SQLITE ? DEFAULT_SQLITE_POOL_SIZE : DEFAULT_POSTGRESQL_POOL_SIZE);
  }

  public StoreConfig withCredentials(String newUser, String newPassword) {
    return new StoreConfig(jdbcUrl, newUser, newPassword, maxPoolSize, limits);
  }

  public StoreConfig withMaxPoolSize(int size) {
    return new StoreConfig(jdbcUrl, user, password, size, limits);
  }

  Vendor vendor() {
    return Vendor.of(jdbcUrl);
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "StoreConfig[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + (password == null ? "none" : "***")
        + ", maxPoolSize=" + maxPoolSize + ", limits=" + limits + "]";
  }
}
