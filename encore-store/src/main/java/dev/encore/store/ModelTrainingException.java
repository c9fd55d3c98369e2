package dev.encore.store;

/**
 * A training run or an install failed; its version is marked failed in the models table and the
 * ready models are untouched.
 */
public final class ModelTrainingException extends RuntimeException {
  private final long version;

  /** {@code action} is what failed: "training" or "installing". */
  ModelTrainingException(long version, String action, Throwable cause) {
    super(action + " model version " + version + " failed: " + cause.getMessage(), cause);
    this.version = version;
  }

  /** The version the failed run or install was given. */
  public long version() {
    return version;
  }
}
