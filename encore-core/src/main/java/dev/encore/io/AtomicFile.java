package dev.encore.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Replacing a file only once its new content is complete: write to {@link #temporaryFor} (a
 * fresh file beside the target, so the rename stays on one file system), then {@link #moveIntoPlace}.
 * A crash or an error in between leaves the old file untouched. The one place that knows how
 * Encore writes its outputs safely (model files, track CSVs). The temporary file is owner-only
 * from its creation ({@link OwnerOnly}), and the rename keeps that, so a model file is never
 * readable by other users, not even while it is being written.
 */
public final class AtomicFile {
  private AtomicFile() {
  }

  /** A new empty owner-only temporary file in the target's folder (created if needed). */
  public static Path temporaryFor(Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path folder = absolute.getParent();
    Files.createDirectories(folder);
    return OwnerOnly.createTempFile(folder, absolute.getFileName().toString(), ".tmp");
  }

  /** Renames the complete {@code temporary} over {@code target}, atomically where the file system can. */
  public static void moveIntoPlace(Path temporary, Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    try {
      Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
