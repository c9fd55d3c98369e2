package dev.encore.server;

import java.nio.file.Path;

/** A separate process that holds a data directory's lock until killed: {@code DataDirectoryLockHolder DIR}. */
public final class DataDirectoryLockHolder {
  private DataDirectoryLockHolder() {
  }

  public static void main(String[] args) throws InterruptedException {
    DataDirectoryLock.acquire(Path.of(args[0]));
    System.out.println("locked");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
