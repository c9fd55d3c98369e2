package dev.encore.store.testing;

import dev.encore.store.EncoreStore;
import dev.encore.store.StoreConfig;
import java.nio.file.Path;

/**
 * The two databases every store test runs against: SQLite in a test's temporary folder, and a
 * fresh database on a real PostgreSQL server started once per test JVM.
 */
public enum TestDatabase {
  SQLITE {
    @Override
    public StoreConfig freshConfig(Path folder) {
      return StoreConfig.sqlite(folder);
    }
  },
  POSTGRESQL {
    @Override
    public StoreConfig freshConfig(Path folder) {
      return PostgresServer.freshDatabase();
    }
  };

  /** A configuration for an empty database; {@code folder} is the test's own temporary folder. */
  public abstract StoreConfig freshConfig(Path folder);

  /** Opens (and migrates) an empty database. */
  public EncoreStore open(Path folder) {
    return EncoreStore.open(freshConfig(folder));
  }
}
