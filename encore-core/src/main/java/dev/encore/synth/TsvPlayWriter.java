package dev.encore.synth;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@link PlaySink} that writes rows as tab-separated {@code user item count} lines under the
 * header {@code user item value}, the layout of Encore's split files, streamed through a
 * buffer. An I/O failure surfaces as an {@link UncheckedIOException} naming the target.
 */
public final class TsvPlayWriter implements PlaySink, Closeable {
  private static final int BUFFER_CHARS = 1 << 16;

  private final Writer out;
  private final String target;
  private final PlayGenerator ids;
  private final StringBuilder line = new StringBuilder(32);
  private long rowsWritten;

  /** Writes to {@code out}, which this writer closes; {@code target} names it in errors. */
  public TsvPlayWriter(Writer out, String target, PlayGenerator ids) {
    this.out = Objects.requireNonNull(out, "out");
    this.target = Objects.requireNonNull(target, "target");
    this.ids = Objects.requireNonNull(ids, "ids");
    write("user\titem\tvalue\n");
  }

  /** Creates or replaces {@code file} as UTF-8. */
  public static TsvPlayWriter open(Path file, PlayGenerator ids) throws IOException {
    Writer writer = new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), BUFFER_CHARS);
    return new TsvPlayWriter(writer, file.toString(), ids);
  }

  @Override
  public void accept(int listener, int track, int playCount) {
    line.setLength(0);
    ids.appendListenerId(line, listener).append('\t');
    ids.catalogue().appendTrackId(line, track).append('\t').append(playCount).append('\n');
    write(line);
    rowsWritten++;
  }

  private void write(CharSequence text) {
    try {
      out.append(text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write plays to " + target + ": " + e.getMessage(), e);
    }
  }

  /** Data rows written so far, the header excluded. */
  public long rowsWritten() {
    return rowsWritten;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
