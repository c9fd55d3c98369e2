package dev.encore.cli;

import dev.encore.store.StoreConfig;
import dev.encore.store.StoreLimits;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Which database to use: {@code --db URL} (a JDBC URL); with {@code --db} alone or absent, the
 * URL in the environment variable ENCORE_DB_URL, else the SQLite file {@code encore.db} in
 * {@code --data-dir}, which also holds the model files. The other settings fall back to
 * environment variables too, so a password need not appear on a command line.
 */
final class StoreOptions {
  static final String DEFAULT_DATA_DIR = "encore-data";

  static final String URL_VARIABLE = "ENCORE_DB_URL";

  @Option(names = "--db", paramLabel = "JDBC_URL", arity = "0..1", fallbackValue = "",
      description = "Database: jdbc:sqlite:FILE or jdbc:postgresql://HOST[:PORT]/DB (env ENCORE_DB_URL;"
          + " default: SQLite encore.db in --data-dir).")
  String db;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:ENCORE_DATA_DIR:-" + DEFAULT_DATA_DIR + "}",
      description = "Data directory: the default SQLite database and the model files (env ENCORE_DATA_DIR;"
          + " default: ${DEFAULT-VALUE}).")
  Path dataDirectory;

  @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:ENCORE_DB_USER}",
      description = "Database user, when the URL does not carry it (env ENCORE_DB_USER).")
  String user;

  @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "${env:ENCORE_DB_PASSWORD}",
      description = "Database password (env ENCORE_DB_PASSWORD, which keeps it out of the process list).")
  String password;

  @Option(names = "--db-pool-size", paramLabel = "N", defaultValue = "${env:ENCORE_DB_POOL_SIZE}",
      description = "Most pooled connections (env ENCORE_DB_POOL_SIZE; default: "
          + StoreConfig.DEFAULT_SQLITE_POOL_SIZE + " for SQLite, " + StoreConfig.DEFAULT_POSTGRESQL_POOL_SIZE
          + " for PostgreSQL).")
  Integer poolSize;

  @Option(names = "--max-id-length", paramLabel = "N",
      description = "Longest listener or track ID accepted, in characters (default: ${DEFAULT-VALUE}).")
  int maxIdLength = StoreLimits.DEFAULT_MAX_ID_LENGTH;

  @Option(names = "--max-features-per-track", paramLabel = "N",
      description = "Most audio features one track may have (default: ${DEFAULT-VALUE}).")
  int maxFeaturesPerTrack = StoreLimits.DEFAULT_MAX_FEATURES_PER_TRACK;

  @Option(names = "--max-tags-per-track", paramLabel = "N",
      description = "Most genre and mood tags one track may have (default: ${DEFAULT-VALUE}).")
  int maxTagsPerTrack = StoreLimits.DEFAULT_MAX_TAGS_PER_TRACK;

  @Option(names = "--max-feature-names", paramLabel = "N",
      description = "Most distinct feature names the catalogue may have (default: ${DEFAULT-VALUE}).")
  int maxFeatureNames = StoreLimits.DEFAULT_MAX_FEATURE_NAMES;

  /** True when {@code --db} was given, with or without a URL. */
  boolean isSet() {
    return db != null;
  }

  StoreConfig toConfig() {
    String url = db == null || db.isBlank() ? System.getenv(URL_VARIABLE) : db;
    StoreConfig config = url == null || url.isBlank() ? StoreConfig.sqlite(dataDirectory) : StoreConfig.of(url);
    if (user != null || password != null) {
      config = config.withCredentials(user, password);
    }
    config = config.withLimits(new StoreLimits(maxIdLength, maxFeaturesPerTrack, maxTagsPerTrack, maxFeatureNames));
    return poolSize == null ? config : config.withMaxPoolSize(poolSize);
  }
}
