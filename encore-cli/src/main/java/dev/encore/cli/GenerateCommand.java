package dev.encore.cli;

import dev.encore.synth.PlayGenerator;
import dev.encore.synth.SynthConfig;
import dev.encore.synth.TrackCsvWriter;
import dev.encore.synth.TsvPlayWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code encore generate}: a synthetic music catalogue and its listening history, streamed to files. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Generate synthetic listeners, tracks with audio features, and plays (seeded, streamed).")
final class GenerateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  SynthOptions synth;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Plays as TSV: user, item, value with a header (default: ${DEFAULT-VALUE}).")
  Path output = Path.of("plays.tsv");

  @Option(names = "--tracks-output", paramLabel = "FILE", description = "Also write the track catalogue (genre, mood, features) as CSV.")
  Path tracksOutput;

  @Override
  public Integer call() throws Exception {
    SynthConfig config = synth.toConfig();
    PlayGenerator generator = new PlayGenerator(config);
    long rows;
    try (TsvPlayWriter writer = TsvPlayWriter.open(output, generator)) {
      rows = SynthOptions.generate(generator, writer, System.err);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "wrote %,d plays of %,d listeners over %,d tracks to %s%n", rows, config.listeners(),
        config.tracks(), output);
    if (tracksOutput != null) {
      TrackCsvWriter.write(generator.catalogue(), tracksOutput);
      out.printf(Locale.ROOT, "wrote %,d tracks to %s%n", config.tracks(), tracksOutput);
    }
    out.flush();
    return 0;
  }
}
