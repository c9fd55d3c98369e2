package dev.encore.model;

import java.io.IOException;
import java.nio.file.Path;

/** A model file that cannot be loaded, and why. */
public final class ModelFileException extends IOException {
  public ModelFileException(Path file, String reason) {
    super("model file " + file + ": " + reason);
  }
}
