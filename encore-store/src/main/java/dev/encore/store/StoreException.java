package dev.encore.store;

/**
 * The database failed a statement (unreachable, a lost connection, a full disk, a lock held too
 * long): the message is the database's own reason. The transaction it was in was rolled back.
 */
public final class StoreException extends RuntimeException {
  StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
