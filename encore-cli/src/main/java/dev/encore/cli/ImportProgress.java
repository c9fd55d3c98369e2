package dev.encore.cli;

import dev.encore.store.ImportListener;
import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;

/** Draws an import as a progress bar over the file's lines, in the look every command shares. */
final class ImportProgress implements ImportListener, AutoCloseable {
  private final PrintStream stream;
  private ProgressBar bar;

  ImportProgress(PrintStream stream) {
    this.stream = stream;
  }

  @Override
  public void started(String task, long totalLines) {
    close();
    bar = TrainingProgress.progressBar(stream, task, totalLines, "lines");
  }

  @Override
  public void progressed(long linesDone) {
    if (bar != null) {
      bar.stepTo(linesDone);
    }
  }

  @Override
  public void finished() {
    if (bar != null) {
      bar.stepTo(bar.getMax());
    }
    close();
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
