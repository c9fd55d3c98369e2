package dev.encore.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code encore} command: one subcommand per job. */
@Command(
    name = "encore",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Music recommendations from who-played-what: implicit-feedback ALS, evaluation, tuning and a service.",
    subcommands = {
        GenerateCommand.class,
        ImportCommand.class,
        TrainCommand.class,
        RecommendCommand.class,
        SimilarCommand.class,
        ExplainCommand.class,
        EvaluateCommand.class,
        EvaluateColdStartCommand.class,
        TuneCommand.class,
        CompareCommand.class,
        DemoCommand.class,
        FeaturesCommand.class,
        EvaluateContentCommand.class,
        ServeCommand.class,
        CommandLine.HelpCommand.class
    })
public final class EncoreCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The configured command line; tests call {@code execute} on it without exiting the JVM. */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new EncoreCommand());
    commandLine.setExecutionExceptionHandler(new OneLineErrors());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }
}
