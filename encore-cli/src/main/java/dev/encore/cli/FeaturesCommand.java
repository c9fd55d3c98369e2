package dev.encore.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code encore features}: track audio features in and out of Encore's track CSV. */
@Command(name = "features", mixinStandardHelpOptions = true,
    description = "Track audio features: extract them from audio files, or import a features table, into Encore's track CSV.",
    subcommands = {FeaturesExtractCommand.class, FeaturesImportCommand.class})
final class FeaturesCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
