package dev.encore.cli;

import dev.encore.data.Interactions;
import dev.encore.data.InteractionsBuilder;
import dev.encore.synth.InteractionsSink;
import dev.encore.synth.PlayGenerator;
import dev.encore.synth.PlaySink;
import dev.encore.synth.SynthConfig;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Option;

/** Which synthetic catalogue to generate: a preset, optionally resized, and a seed. */
final class SynthOptions {
  private static final int LISTENERS_PER_STEP = 1000;

  @Option(names = "--preset", description = "tiny, small, 1m, 10m or 100m plays (default: ${DEFAULT-VALUE}).")
  String preset = "small";

  @Option(names = "--listeners", description = "Override the preset's listener count.")
  Integer listeners;

  @Option(names = "--tracks", description = "Override the preset's track count.")
  Integer tracks;

  @Option(names = "--plays", description = "Override the preset's target number of (listener, track) rows.")
  Long plays;

  @Option(names = "--genres", description = "Override the preset's genre count.")
  Integer genres;

  @Option(names = "--data-seed", description = "Seed of the generated data (default: ${DEFAULT-VALUE}).")
  long dataSeed = SynthConfig.DEFAULT_SEED;

  SynthConfig toConfig() {
    SynthConfig base = switch (preset.toLowerCase(Locale.ROOT)) {
      case "tiny" -> SynthConfig.tiny();
      case "small" -> SynthConfig.small();
      case "1m" -> SynthConfig.oneMillion();
      case "10m" -> SynthConfig.tenMillion();
      case "100m" -> SynthConfig.hundredMillion();
      default -> throw new IllegalArgumentException("--preset '" + preset + "' is not one of tiny, small, 1m, 10m, 100m");
    };
    if (listeners == null && tracks == null && plays == null && genres == null) {
      return base.withSeed(dataSeed);
    }
    return new SynthConfig(
        listeners != null ? listeners : base.listeners(),
        tracks != null ? tracks : base.tracks(),
        plays != null ? plays : base.targetPlays(),
        base.popularityExponent(), base.activitySigma(), base.maxPlayCount(),
        genres != null ? genres : base.genres(), base.moods(), dataSeed);
  }

  /** Streams every listener's plays into {@code sink} with a progress bar; returns the rows written. */
  static long generate(PlayGenerator generator, PlaySink sink, PrintStream progressStream) {
    int total = generator.config().listeners();
    long rows = 0;
    try (ProgressBar bar = TrainingProgress.progressBar(progressStream, "Generating", total, "listeners")) {
      for (int first = 0; first < total; first += LISTENERS_PER_STEP) {
        int end = Math.min(total, first + LISTENERS_PER_STEP);
        rows += generator.generate(sink, first, end);
        bar.stepTo(end);
      }
    }
    return rows;
  }

  /** The generated plays as interactions. */
  static Interactions interactions(PlayGenerator generator, PrintStream progressStream) {
    InteractionsBuilder builder = new InteractionsBuilder();
    generate(generator, new InteractionsSink(builder, generator), progressStream);
    return builder.build();
  }
}
