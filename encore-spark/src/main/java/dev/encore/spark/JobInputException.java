package dev.encore.spark;

/**
 * Input or settings the job cannot train on: a missing path or column, a bad count, no plays.
 * The message names the file, column or option and the rule; {@link TrainJob} prints it alone,
 * without a stack trace, and exits with status 2.
 */
public final class JobInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JobInputException(String message) {
    super(message);
  }
}
