package dev.encore.cli;

import dev.encore.als.AlsConfig;
import dev.encore.data.Interactions;
import dev.encore.store.AutoTuning;
import dev.encore.tune.AutoSettings;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --auto}: choose the ALS settings on a validation split (see {@link AutoSettings}). On by
 * default when none of the settings it searches is given on the command line, so a newcomer's
 * first {@code evaluate} or {@code train} gets good settings; {@code --no-auto} keeps the defaults.
 */
final class AutoOptions {
  /** The options whose values the search chooses: giving one means "use my settings". */
  static final List<String> SEARCHED = List.of("--factors", "--regularization", "--alpha", "--confidence",
      "--epsilon", "--alpha0", "--nu", "--scale-regularization");

  @Option(names = "--auto", negatable = true,
      description = "Choose confidence, alpha, lambda, alpha0, nu and factors on a validation split cut from the"
          + " training plays (default: on unless one of " + "--factors, --lambda, --alpha, --confidence, --epsilon,"
          + " --alpha0, --nu, --scale-regularization is given).")
  Boolean auto;

  @Option(names = "--auto-budget", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Time the settings search may take, e.g. 30s or 5m (default: 60s).")
  Duration budget = AutoSettings.DEFAULT_BUDGET;

  @Option(names = "--auto-candidates", paramLabel = "N",
      description = "Stop the search after N candidates as well, for a choice that does not depend on the"
          + " machine's speed (default: no limit).")
  int maxCandidates;

  /** Whether to search: as asked, or else only when no searched setting was given. */
  boolean enabled(CommandSpec spec) {
    if (auto != null) {
      return auto;
    }
    return SEARCHED.stream().noneMatch(spec.commandLine().getParseResult()::hasMatchedOption);
  }

  /** As {@link #enabled} says, for a training from the database or the server. */
  AutoTuning tuning(CommandSpec spec) {
    return enabled(spec) ? new AutoTuning(true, budget, maxCandidates) : AutoTuning.OFF;
  }

  /**
   * Searches from {@code base} on {@code train} with a progress bar on {@code progressStream},
   * prints each candidate and the choice to {@code log}, and returns the result.
   */
  AutoSettings.Result choose(Interactions train, AlsConfig base, int k, PrintWriter log, PrintStream progressStream) {
    if (budget.isZero() || budget.isNegative()) {
      throw new IllegalArgumentException("--auto-budget " + budget + " must be positive");
    }
    if (maxCandidates < 0) {
      throw new IllegalArgumentException("--auto-candidates " + maxCandidates + " must be >= 0");
    }
    AutoSettings search = new AutoSettings(budget, k, base.threads(), maxCandidates);
    long seconds = Math.max(1, budget.toSeconds());
    AutoSettings.Result result;
    try (ProgressBar bar = TrainingProgress.progressBar(progressStream, "Choosing settings", seconds, "s")) {
      long start = System.nanoTime();
      result = search.choose(train, base, new AutoSettings.Listener() {
        private double best = Double.NEGATIVE_INFINITY;

        @Override
        public void candidateFinished(AutoSettings.Candidate candidate, int done) {
          best = Math.max(best, candidate.score());
          bar.stepTo(Math.min(seconds, (System.nanoTime() - start) / 1_000_000_000L));
          bar.setExtraMessage(String.format(Locale.ROOT, " %d tried, best precision %.4f", done, best));
        }
      });
      bar.stepTo(seconds);
    }
    print(result, log);
    return result;
  }

  static void print(AutoSettings.Result result, PrintWriter log) {
    log.printf(Locale.ROOT, "settings search (%s on a validation split of the training plays, %.1f s):%n",
        result.metric(), result.seconds());
    for (String guess : result.guesses()) {
      log.println("  guess: " + guess);
    }
    log.printf(Locale.ROOT, "  %3s  %-9s  %6s  %-24s  %s%n", "#", result.metric(), "fit s", "why tried", "settings");
    int number = 1;
    for (AutoSettings.Candidate candidate : result.candidates()) {
      log.printf(Locale.ROOT, "  %3d  %9.4f  %6.2f  %-24s  %s%s%n", number++, candidate.score(), candidate.fitSeconds(),
          candidate.reason(), candidate.summary(), candidate.config().equals(result.chosen()) ? "  <- chosen" : "");
    }
    log.printf(Locale.ROOT, "chose %s (validation %s %.4f)%n", Settings.asOptions(result.chosen()), result.metric(),
        result.score());
    log.flush();
  }
}
