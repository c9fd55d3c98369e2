package dev.encore.store;

/**
 * A change to the model versions that their state forbids: deleting the serving version,
 * promoting a version that is not ready or whose file is gone, promoting while another is pinned.
 * {@link #code()} is a short machine-readable reason, the message a sentence saying what to do.
 */
public final class ModelConflictException extends RuntimeException {
  /** Codes, one per rule. */
  public static final String NOT_READY = "model_not_ready";
  public static final String FILE_REMOVED = "model_file_removed";
  public static final String PINNED = "model_pinned";
  public static final String SERVING = "model_serving";
  public static final String TRAINING = "model_training";

  private final String code;

  ModelConflictException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
