package dev.encore.server;

import dev.encore.io.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One server per data directory: an OS file lock on {@code <dataDirectory>/encore.lock}, which
 * also names the process holding it so that a second server can say who is in the way. The OS
 * drops the lock when the holder exits, even by kill -9, so a stale file never blocks a start.
 * The file stays behind on close: deleting it would let a third server lock a new file while a
 * second one holds the old one.
 */
final class DataDirectoryLock implements AutoCloseable {
  static final String FILE = "encore.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Locks {@code dataDirectory} for this process, or fails naming the server that holds it. */
  static DataDirectoryLock acquire(Path dataDirectory) {
    Path file = dataDirectory.resolve(FILE);
    FileChannel channel = null;
    try {
      OwnerOnly.createDirectories(dataDirectory);
      if (Files.notExists(file)) {
        try {
          OwnerOnly.createFile(file);
        } catch (FileAlreadyExistsException createdMeanwhile) {
          // Another server made it first; whoever locks it below wins.
        }
      }
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
        channel.close();
        throw new IllegalStateException("another Encore server is already using the data directory " + dataDirectory
            + (holder.isEmpty() ? "" : " (" + holder + ")") + ": stop it first, or give this server its own --data-dir");
      }
      byte[] owner = ("process " + ProcessHandle.current().pid() + ", started " + Instant.now() + "\n")
          .getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(owner), 0);
      channel.force(true);
      return new DataDirectoryLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot lock the data directory " + dataDirectory + " through " + file + ": "
          + e.getMessage(), e);
    }
  }

  /** Null when another process, or another server in this one, holds the lock. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException heldInThisProcess) {
      return null;
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // The lock error being reported matters more than this one.
      }
    }
  }

  @Override
  public void close() {
    if (!channel.isOpen()) {
      return;
    }
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the data directory lock: " + e.getMessage(), e);
    }
  }
}
