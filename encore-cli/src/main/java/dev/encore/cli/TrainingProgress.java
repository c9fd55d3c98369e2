package dev.encore.cli;

import dev.encore.als.AlsConfig;
import dev.encore.als.IterationStats;
import dev.encore.als.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Draws an ALS run as a progress bar on stderr, one step per iteration, with the loss when computed. */
final class TrainingProgress implements TrainingListener, AutoCloseable {
  private final PrintStream stream;
  private final String task;
  private ProgressBar bar;

  TrainingProgress(PrintStream stream, String task) {
    this.stream = stream;
    this.task = task;
  }

  /** A second fit (training from the database fits once to evaluate, then once for good) gets a fresh bar. */
  @Override
  public void started(AlsConfig config, int users, int items, long entries) {
    close();
    bar = progressBar(stream, task, config.iterations(), "it");
    bar.setExtraMessage(String.format(Locale.ROOT, " %,d users x %,d items, %,d entries", users, items, entries));
  }

  @Override
  public void iterationFinished(IterationStats stats) {
    if (bar == null) {
      return;
    }
    String message = String.format(Locale.ROOT, "%.2fs/it", stats.seconds());
    if (!Double.isNaN(stats.loss())) {
      message += String.format(Locale.ROOT, ", loss %.6g", stats.loss());
    }
    bar.setExtraMessage(" " + message);
    bar.step();
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  /** The one progress-bar look every command uses. */
  static ProgressBar progressBar(PrintStream stream, String task, long max, String unit) {
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(max)
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(" " + unit, 1)
        .showSpeed()
        .setUpdateIntervalMillis(200)
        .setConsumer(new ConsoleProgressBarConsumer(stream))
        .build();
  }
}
