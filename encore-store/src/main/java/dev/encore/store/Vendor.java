package dev.encore.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The two databases Encore runs on, told apart by the JDBC URL. */
enum Vendor {
  SQLITE("sqlite", "org.sqlite.JDBC"),
  POSTGRESQL("postgresql", "org.postgresql.Driver");

  private static final String SQLITE_PREFIX = "jdbc:sqlite:";

  private final String id;
  private final String driverClass;

  Vendor(String id, String driverClass) {
    this.id = id;
    this.driverClass = driverClass;
  }

  /** "sqlite" or "postgresql": {@link EncoreStore#vendor()} and the migrations folder. */
  String id() {
    return id;
  }

  String driverClass() {
    return driverClass;
  }

  static Vendor of(String jdbcUrl) {
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith(SQLITE_PREFIX)) {
      String rest = url.substring(SQLITE_PREFIX.length());
      if (rest.isEmpty() || rest.startsWith(":memory:") || rest.contains("mode=memory")) {
        throw new IllegalArgumentException("JDBC URL " + jdbcUrl + " is an in-memory SQLite database, which each"
            + " pooled connection would see empty; give a file, e.g. jdbc:sqlite:encore-data/encore.db");
      }
      return SQLITE;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException("JDBC URL " + jdbcUrl
        + " is not supported: use jdbc:sqlite:FILE or jdbc:postgresql://HOST[:PORT]/DATABASE");
  }

  /** The database file of a plain SQLite file URL, so its folder can be created; empty otherwise. */
  static Optional<Path> sqliteFile(String jdbcUrl) {
    if (of(jdbcUrl) != SQLITE) {
      return Optional.empty();
    }
    String rest = jdbcUrl.substring(SQLITE_PREFIX.length());
    if (rest.startsWith("file:")) {
      return Optional.empty();
    }
    int query = rest.indexOf('?');
    return Optional.of(Path.of(query < 0 ? rest : rest.substring(0, query)));
  }
}
