package dev.encore.bench;

import dev.encore.synth.PlayGenerator;
import dev.encore.synth.TsvPlayWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The folder of generated dataset TSVs that every benchmark child reads. A dataset is generated
 * once (streamed, so 10^8 rows need no more memory than 10^6) into a temporary file that is
 * renamed into place only when complete: an interrupted run never leaves a truncated dataset
 * that a later run would mistake for the real one.
 */
public final class DatasetCache {
  private final Path folder;
  private final PrintStream log;

  public DatasetCache(Path folder, PrintStream log) {
    this.folder = folder;
    this.log = log;
  }

  public Path folder() {
    return folder;
  }

  /** The dataset's TSV, generating it first if the folder lacks it. */
  public Path ensure(StandardDataset dataset) throws IOException {
    Path file = folder.resolve(dataset.fileName());
    if (Files.isRegularFile(file)) {
      return file;
    }
    Files.createDirectories(folder);
    Path partial = folder.resolve(dataset.fileName() + ".partial");
    log.printf(Locale.ROOT, "generating %s (%,d listeners x %,d tracks, seed %d) into %s ...%n", dataset,
        dataset.config().listeners(), dataset.config().tracks(), dataset.config().seed(), file);
    long start = System.nanoTime();
    PlayGenerator generator = new PlayGenerator(dataset.config());
    long rows;
    try (TsvPlayWriter writer = TsvPlayWriter.open(partial, generator)) {
      rows = generator.generate(writer);
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    log.printf(Locale.ROOT, "wrote %,d plays to %s in %.1f s%n", rows, file, (System.nanoTime() - start) / 1e9);
    return file;
  }

  /** Copies the dataset's TSV (generated first if needed) to {@code target} for outside tools. */
  public Path export(StandardDataset dataset, Path target) throws IOException {
    Path source = ensure(dataset);
    Path absolute = target.toAbsolutePath();
    if (absolute.getParent() != null) {
      Files.createDirectories(absolute.getParent());
    }
    Files.copy(source, absolute, StandardCopyOption.REPLACE_EXISTING);
    log.printf(Locale.ROOT, "exported %s to %s%n", dataset, absolute);
    return absolute;
  }
}
