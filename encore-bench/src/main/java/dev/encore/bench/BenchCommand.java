package dev.encore.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code encore-bench}: generate the standard datasets, or run the side-by-side benchmark. */
@Command(
    name = "encore-bench",
    mixinStandardHelpOptions = true,
    description = "End-to-end benchmark of Encore against Spark MLlib ALS on the same synthetic data.",
    subcommands = {RunCommand.class, GenerateDatasetsCommand.class, ImportBenchCommand.class, LoadCommand.class,
        IndexBenchCommand.class, ConvergenceCommand.class,
        CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The configured command line; an error a user can fix prints as one line with exit code 1. */
  static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new BenchCommand());
    commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
      Throwable cause = exception instanceof UncheckedIOException unchecked ? unchecked.getCause() : exception;
      if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException
          || cause instanceof IOException) {
        line.getErr().println("encore-bench " + line.getCommandName() + ": " + cause.getMessage());
        return 1;
      }
      throw exception;
    });
    return commandLine;
  }
}
