package dev.encore.store;

import dev.encore.io.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps a SQLite database owner-only: its folder, the database file and the {@code -wal} and
 * {@code -shm} files SQLite puts beside it. The database file is created (empty, which SQLite
 * takes as a new database) before the driver opens it, because SQLite gives the files it creates
 * itself the permissions of the database file; files left by an older version are narrowed.
 */
final class SqliteFiles {
  private SqliteFiles() {
  }

  /** Ready for the driver to open: the folder and the file exist and the files there are owner-only. */
  static void prepare(Path databaseFile) {
    Path file = databaseFile.toAbsolutePath();
    try {
      OwnerOnly.createDirectories(file.getParent());
      if (Files.notExists(file)) {
        try {
          OwnerOnly.createFile(file);
        } catch (FileAlreadyExistsException createdMeanwhile) {
          // Another process made it first; it is narrowed below like any existing file.
        }
      }
      for (Path each : withCompanions(file)) {
        OwnerOnly.restrict(each);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the SQLite database " + file + " or make it readable by its"
          + " owner only: " + e.getMessage(), e);
    }
  }

  /** The database file, its write-ahead log and its shared-memory index. */
  static Path[] withCompanions(Path databaseFile) {
    String name = databaseFile.getFileName().toString();
    return new Path[] {databaseFile, databaseFile.resolveSibling(name + "-wal"),
        databaseFile.resolveSibling(name + "-shm")};
  }
}
