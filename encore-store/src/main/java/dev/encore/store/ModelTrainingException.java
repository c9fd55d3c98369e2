package dev.encore.store;

/** A training run failed; its version is marked failed in the models table and the ready models are untouched. */
public final class ModelTrainingException extends RuntimeException {
  private final long version;

  ModelTrainingException(long version, Throwable cause) {
    super("training model version " + version + " failed: " + cause.getMessage(), cause);
    this.version = version;
  }

  /** The version the failed run was given. */
  public long version() {
    return version;
  }
}
