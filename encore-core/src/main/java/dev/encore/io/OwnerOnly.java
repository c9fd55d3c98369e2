package dev.encore.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Owner-only permissions (files 0600, folders 0700) for what only the service's own user should
 * read: the database, the API key, model files. Set when a file is created, so there is never a
 * moment when it is readable by others; on file systems without POSIX permissions (Windows) the
 * platform's defaults apply.
 */
public final class OwnerOnly {
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

  private OwnerOnly() {
  }

  /** Whether {@code path}'s file system has POSIX permissions at all. */
  public static boolean supported(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** Creates {@code folder} and its missing parents, each owner-only; folders already there keep theirs. */
  public static Path createDirectories(Path folder) throws IOException {
    return Files.createDirectories(folder, attributes(folder, FOLDER));
  }

  /** Creates the new empty file {@code file}, owner-only; fails if it exists. */
  public static Path createFile(Path file) throws IOException {
    return Files.createFile(file, attributes(file, FILE));
  }

  /** A new empty owner-only temporary file in {@code folder}. */
  public static Path createTempFile(Path folder, String prefix, String suffix) throws IOException {
    return Files.createTempFile(folder, prefix, suffix, attributes(folder, FILE));
  }

  /** Narrows an existing file or folder to its owner; nothing when it does not exist or permissions are unsupported. */
  public static void restrict(Path path) throws IOException {
    if (!supported(path)) {
      return;
    }
    try {
      Files.setPosixFilePermissions(path, Files.isDirectory(path) ? FOLDER : FILE);
    } catch (NoSuchFileException gone) {
      // Nothing to protect: SQLite, for one, deletes its -wal and -shm files on a clean close.
    }
  }

  private static FileAttribute<?>[] attributes(Path path, Set<PosixFilePermission> permissions) {
    return supported(path) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }
}
