package dev.encore.store;

import dev.encore.store.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * What the repository and import tests share: for each test, an empty store on the database the
 * class is parameterised with (SQLite in {@code folder/db}, or a fresh PostgreSQL database), and a
 * temporary folder for the test's own files. Subclasses add {@code @ParameterizedClass} and
 * {@code @EnumSource(TestDatabase.class)}.
 */
abstract class EmptyStoreFixture {
  @Parameter
  TestDatabase database;

  @TempDir
  Path folder;

  EncoreStore store;

  @BeforeEach
  void openStore() {
    store = database.open(folder.resolve("db"));
  }

  @AfterEach
  void closeStore() {
    store.close();
  }
}
