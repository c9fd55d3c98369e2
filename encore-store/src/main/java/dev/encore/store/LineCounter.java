package dev.encore.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Counts a file's lines by scanning its bytes for '\n', the size of an import's progress bar. */
final class LineCounter {
  private static final int BUFFER = 1 << 16;

  private LineCounter() {}

  /** Lines in {@code file}: newlines, plus one for a last line without one. */
  static long count(Path file) throws IOException {
    long lines = 0;
    byte last = '\n';
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        for (int i = 0; i < read; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
        if (read > 0) {
          last = buffer[read - 1];
        }
      }
    }
    return last == '\n' ? lines : lines + 1;
  }
}
