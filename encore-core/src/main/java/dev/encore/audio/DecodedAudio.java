package dev.encore.audio;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * An audio file read through Java Sound ({@code javax.sound.sampled}: WAV, AIFF, AU and whatever
 * other readers are installed) and handed out as mono samples in [-1, 1], channels averaged.
 *
 * <p>Java Sound parses the container; the PCM bytes are turned into floats here because its
 * public API converts only between a few integer layouts (no 24- or 32-bit PCM to float). Signed
 * and unsigned integer samples of 1 to 4 bytes in either byte order and 32- or 64-bit IEEE floats
 * are decoded; a sample of n bytes is divided by 2^(8n-1), so full scale is 1.0 whatever the bit
 * depth (WAV stores fewer valid bits left-aligned in the container, which this also handles).
 * Other encodings (mu-law, A-law) go through Java Sound's own converter to 16-bit PCM first.
 *
 * <p>A file whose header announces more sample frames than the file holds is reported as
 * truncated when the samples run out, not silently analysed short.
 */
final class DecodedAudio implements SampleSource, AutoCloseable {
  /** Lower rates leave too few samples per 93 ms frame for the analysis. */
  static final float MIN_SAMPLE_RATE = 4_000f;
  /** Twice the highest rate in use (384 kHz); a corrupt header claiming more would size frames by it. */
  static final float MAX_SAMPLE_RATE = 768_000f;
  /** More channels than any recording format uses; a corrupt header claiming more would size buffers by it. */
  static final int MAX_CHANNELS = 64;
  private static final int BUFFER_BYTES = 1 << 16;
  /** WAV writers that stream (and so cannot know the size) put 0xFFFFFFFF in the data chunk size. */
  private static final long STREAMED_SIZE = 0xFFFF_FFFFL;

  private final Path file;
  private final AudioInputStream stream;
  private final float sampleRate;
  private final int channels;
  private final int bytesPerSample;
  private final Layout layout;
  private final boolean bigEndian;
  private final long announcedFrames;
  private final byte[] bytes;
  private long framesRead;

  private enum Layout { SIGNED, UNSIGNED, FLOAT }

  private DecodedAudio(Path file, AudioInputStream stream) throws AudioFileException {
    this.file = file;
    this.stream = stream;
    AudioFormat format = stream.getFormat();
    sampleRate = format.getSampleRate();
    channels = format.getChannels();
    if (channels < 1 || channels > MAX_CHANNELS) {
      throw new AudioFileException(file, "the header gives " + channels + " channels; 1 to " + MAX_CHANNELS
          + " are supported");
    }
    if (!(sampleRate >= MIN_SAMPLE_RATE && sampleRate <= MAX_SAMPLE_RATE)) {
      throw new AudioFileException(file, "sample rate " + sampleRate + " Hz is not supported; it must be "
          + (int) MIN_SAMPLE_RATE + " to " + (int) MAX_SAMPLE_RATE + " Hz");
    }
    if (format.getFrameSize() <= 0 || format.getFrameSize() % channels != 0) {
      throw new AudioFileException(file, "the header gives a frame size of " + format.getFrameSize() + " bytes for "
          + channels + " channels");
    }
    bytesPerSample = format.getFrameSize() / channels;
    layout = layoutOf(format);
    if (layout == Layout.FLOAT ? bytesPerSample != 4 && bytesPerSample != 8 : bytesPerSample > 4) {
      throw new AudioFileException(file, bytesPerSample * 8 + "-bit " + format.getEncoding()
          + " samples are not supported (integers of 8 to 32 bits, floats of 32 or 64 bits are)");
    }
    bigEndian = format.isBigEndian();
    long frames = stream.getFrameLength();
    announcedFrames = frames * format.getFrameSize() >= STREAMED_SIZE - format.getFrameSize() ? AudioSystem.NOT_SPECIFIED
        : frames;
    bytes = new byte[Math.max(1, BUFFER_BYTES / format.getFrameSize()) * format.getFrameSize()];
  }

  /** Opens {@code file}, or throws naming the file and what is wrong with it. */
  static DecodedAudio open(Path file) throws AudioFileException {
    if (Files.isDirectory(file)) {
      throw new AudioFileException(file, "is a directory, not an audio file");
    }
    if (!Files.isRegularFile(file)) {
      throw new AudioFileException(file, "no such file");
    }
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new AudioFileException(file, "cannot be read: " + e.getMessage(), e);
    }
    if (size == 0) {
      throw new AudioFileException(file, "the file is empty");
    }
    AudioInputStream stream;
    try {
      stream = AudioSystem.getAudioInputStream(file.toFile());
    } catch (UnsupportedAudioFileException e) {
      throw new AudioFileException(file, "is not audio that Java Sound can read (WAV, AIFF or AU with PCM or float"
          + " samples); it may be another format or not audio at all", e);
    } catch (EOFException e) {
      throw new AudioFileException(file, "the file is truncated: it ends inside the audio header", e);
    } catch (IOException | RuntimeException e) {
      throw new AudioFileException(file, "is not readable audio: " + e.getMessage(), e);
    }
    try {
      return new DecodedAudio(file, toDecodable(file, stream));
    } catch (AudioFileException e) {
      closeQuietly(stream);
      throw e;
    }
  }

  @Override
  public float sampleRate() {
    return sampleRate;
  }

  @Override
  public int read(float[] buffer, int offset, int length) throws IOException {
    int frameSize = bytesPerSample * channels;
    int wanted = Math.min(length, bytes.length / frameSize) * frameSize;
    int got = readBytes(wanted);
    int frames = got / frameSize;
    if (frames == 0) {
      if (announcedFrames != AudioSystem.NOT_SPECIFIED && framesRead < announcedFrames) {
        throw new AudioFileException(file, String.format(java.util.Locale.ROOT,
            "the file is truncated: the header announces %,d sample frames but only %,d are there", announcedFrames,
            framesRead));
      }
      return -1;
    }
    float scale = 1f / channels;
    for (int frame = 0; frame < frames; frame++) {
      double sum = 0;
      int start = frame * frameSize;
      for (int channel = 0; channel < channels; channel++) {
        sum += sample(start + channel * bytesPerSample);
      }
      buffer[offset + frame] = channels == 1 ? (float) sum : (float) sum * scale;
    }
    framesRead += frames;
    return frames;
  }

  @Override
  public void close() throws IOException {
    stream.close();
  }

  /** Reads whole frames into {@link #bytes}: up to {@code wanted} bytes, fewer only at the end. */
  private int readBytes(int wanted) throws IOException {
    int got = 0;
    try {
      while (got < wanted) {
        int count = stream.read(bytes, got, wanted - got);
        if (count < 0) {
          break;
        }
        got += count;
      }
    } catch (IOException | RuntimeException e) {
      // Java Sound's readers can fail with runtime exceptions on corrupt data; both mean a bad file.
      throw new AudioFileException(file, "reading the samples failed: " + e, e);
    }
    return got;
  }

  private double sample(int at) {
    if (layout == Layout.FLOAT) {
      long bits = assemble(at);
      return bytesPerSample == 4 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
    }
    int bits = bytesPerSample * 8;
    long raw = assemble(at);
    long centred = layout == Layout.UNSIGNED ? raw - (1L << (bits - 1)) : (raw << (64 - bits)) >> (64 - bits);
    return centred / (double) (1L << (bits - 1));
  }

  /** The sample's bytes as an unsigned number, in the file's byte order. */
  private long assemble(int at) {
    long value = 0;
    for (int i = 0; i < bytesPerSample; i++) {
      int b = bytes[at + (bigEndian ? i : bytesPerSample - 1 - i)] & 0xFF;
      value = (value << 8) | b;
    }
    return value;
  }

  private static Layout layoutOf(AudioFormat format) {
    AudioFormat.Encoding encoding = format.getEncoding();
    if (encoding.equals(AudioFormat.Encoding.PCM_FLOAT)) {
      return Layout.FLOAT;
    }
    return encoding.equals(AudioFormat.Encoding.PCM_UNSIGNED) ? Layout.UNSIGNED : Layout.SIGNED;
  }

  /** PCM streams as they are; anything else through Java Sound's converter to 16-bit signed PCM. */
  private static AudioInputStream toDecodable(Path file, AudioInputStream stream) throws AudioFileException {
    AudioFormat.Encoding encoding = stream.getFormat().getEncoding();
    if (encoding.equals(AudioFormat.Encoding.PCM_SIGNED) || encoding.equals(AudioFormat.Encoding.PCM_UNSIGNED)
        || encoding.equals(AudioFormat.Encoding.PCM_FLOAT)) {
      return stream;
    }
    if (!AudioSystem.isConversionSupported(AudioFormat.Encoding.PCM_SIGNED, stream.getFormat())) {
      throw new AudioFileException(file, "its encoding " + encoding + " cannot be decoded (PCM, float, mu-law and"
          + " A-law can)");
    }
    return AudioSystem.getAudioInputStream(AudioFormat.Encoding.PCM_SIGNED, stream);
  }

  private static void closeQuietly(InputStream stream) {
    try {
      stream.close();
    } catch (IOException ignored) {
      // The file is already being reported as unreadable; a failed close adds nothing.
    }
  }
}
