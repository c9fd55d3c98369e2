package dev.encore.cli;

import dev.encore.io.DatasetFormatException;
import dev.encore.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import picocli.CommandLine;

/**
 * Turns the errors a user can fix (bad input, unknown IDs, unreadable files, an unreachable
 * database) into one line on stderr and exit code 1; anything else is a bug and keeps its stack
 * trace (exit code 2).
 */
final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {
  static final int USER_ERROR = 1;
  static final int INTERNAL_ERROR = 2;

  @Override
  public int handleExecutionException(Exception exception, CommandLine commandLine,
      CommandLine.ParseResult parseResult) {
    Throwable cause = exception instanceof UncheckedIOException unchecked ? unchecked.getCause() : exception;
    if (cause instanceof IllegalArgumentException || cause instanceof NoSuchElementException
        || cause instanceof IOException || cause instanceof IllegalStateException
        || cause instanceof ArithmeticException || cause instanceof DatasetFormatException
        || cause instanceof StoreException) {
      commandLine.getErr().println("encore " + commandLine.getCommandName() + ": " + cause.getMessage());
      return USER_ERROR;
    }
    commandLine.getErr().println("encore " + commandLine.getCommandName() + ": internal error: " + cause);
    cause.printStackTrace(commandLine.getErr());
    return INTERNAL_ERROR;
  }
}
