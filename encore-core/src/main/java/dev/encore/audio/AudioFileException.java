package dev.encore.audio;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that cannot be analysed as audio: missing, empty, not in a format Encore reads,
 * truncated, damaged, or with samples Encore does not decode. The message reads {@code FILE: REASON},
 * for example {@code beat.wav: the file is truncated: the header announces 441,000 sample
 * frames but only 12,800 are there}.
 */
public final class AudioFileException extends IOException {
  private final transient Path file;
  private final String reason;

  public AudioFileException(Path file, String reason) {
    this(file, reason, null);
  }

  public AudioFileException(Path file, String reason, Throwable cause) {
    super(file + ": " + reason, cause);
    this.file = file;
    this.reason = reason;
  }

  /** The file that failed. */
  public Path file() {
    return file;
  }

  /** Why it failed, without the file name. */
  public String reason() {
    return reason;
  }
}
