package dev.encore.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import javax.sound.sampled.AudioSystem;

/**
 * What a compressed file's container says about its length, read from the file's bytes because
 * the Java Sound readers do not pass it on (the FLAC reader gives the file's size in bytes as its
 * frame count, the MP3 and Vorbis readers give none), so that a file cut short is reported instead
 * of analysed short.
 *
 * <p>FLAC's STREAMINFO block announces the number of sample frames (FLAC format, section
 * "METADATA_BLOCK_STREAMINFO"). An Ogg stream ends with a page flagged end-of-stream (RFC 3533,
 * section 6), so a file whose last page is incomplete or unflagged was cut. MP3 has no such
 * field that encoders must write (the Xing header is optional), so a cut MP3 reads as the audio
 * before the cut.
 */
final class DeclaredLength {
  private static final int FLAC_MAGIC = 0x664C_6143; // "fLaC"
  private static final int OGG_MAGIC = 0x4F67_6753; // "OggS"
  private static final int FLAC_HEADER_BYTES = 26;
  private static final int OGG_PAGE_HEADER_BYTES = 27;
  private static final int OGG_END_OF_STREAM = 0x04;

  private DeclaredLength() {
  }

  /**
   * The sample frames a FLAC file's STREAMINFO announces; {@link AudioSystem#NOT_SPECIFIED} when
   * the file does not start as FLAC, or when the encoder wrote 0 (which the format defines as unknown).
   */
  static long flacFrames(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer header = read(channel, 0, FLAC_HEADER_BYTES);
      if (header.remaining() < FLAC_HEADER_BYTES || header.getInt(0) != FLAC_MAGIC || (header.get(4) & 0x7F) != 0) {
        return AudioSystem.NOT_SPECIFIED;
      }
      // Bytes 18-25: sample rate (20 bits), channels - 1 (3), bits per sample - 1 (5), total samples (36).
      long total = header.getLong(18) & ((1L << 36) - 1);
      return total == 0 ? AudioSystem.NOT_SPECIFIED : total;
    }
  }

  /**
   * Why an Ogg file was cut short, or null when its last page is complete and flagged
   * end-of-stream, or the file is not a chain of Ogg pages (the decoder then says what it is).
   */
  static String oggCut(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      long position = 0;
      int lastFlags = 0;
      while (position < size) {
        ByteBuffer header = read(channel, position, OGG_PAGE_HEADER_BYTES);
        boolean page = header.remaining() >= 4 && header.getInt(0) == OGG_MAGIC;
        if (!page && (position == 0 || header.remaining() >= 4)) {
          return null;
        }
        if (header.remaining() < OGG_PAGE_HEADER_BYTES) {
          return cutInsidePage(position, size);
        }
        int segments = header.get(26) & 0xFF;
        ByteBuffer lacing = read(channel, position + OGG_PAGE_HEADER_BYTES, segments);
        long body = 0;
        while (lacing.hasRemaining()) {
          body += lacing.get() & 0xFF;
        }
        long end = position + OGG_PAGE_HEADER_BYTES + segments + body;
        if (lacing.limit() < segments || end > size) {
          return cutInsidePage(position, size);
        }
        lastFlags = header.get(5);
        position = end;
      }
      return (lastFlags & OGG_END_OF_STREAM) != 0 ? null
          : "the file is truncated: its last Ogg page is complete but not marked as the end of the stream";
    }
  }

  private static String cutInsidePage(long pageStart, long size) {
    return String.format(Locale.ROOT, "the file is truncated: it ends %,d bytes into the Ogg page that starts at"
        + " byte %,d", size - pageStart, pageStart);
  }

  /** Up to {@code length} bytes from {@code position}, fewer at the end of the file; big-endian. */
  private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.BIG_ENDIAN);
    int count;
    do {
      count = channel.read(buffer, position + buffer.position());
    } while (count > 0 && buffer.hasRemaining());
    return buffer.flip();
  }
}
