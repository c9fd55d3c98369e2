package dev.encore.audio;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * An audio file read through Java Sound ({@code javax.sound.sampled}) and handed out as mono
 * samples in [-1, 1], channels averaged: WAV, AIFF and AU by the JDK's own readers; MP3, Ogg
 * Vorbis and FLAC by service providers on the class path, which Java Sound finds through their
 * {@code META-INF/services} files (a shaded jar must merge those), so every format takes the one
 * path below. The providers are pure Java, on Maven Central, and LGPL 2.1, used unmodified:
 *
 * <ul>
 *   <li>MP3: MP3SPI 1.9.5.4 over JLayer 1.0.1.4 ({@code com.googlecode.soundlibs}, the Maven
 *       packaging of JavaZoom's decoder, which Java applications have used for two decades; its
 *       output matches mpg123's to 53 dB). The maintained forks ({@code io.github.jseproject:jse-spi-mp3},
 *       {@code com.tianscar.javasound:javasound-mp3}) are not served by the registry Encore builds from.</li>
 *   <li>Ogg Vorbis: VorbisSPI 1.0.3.3 over JOrbis 0.0.17.4, from the same packager, sharing
 *       MP3SPI's Tritonus base classes. J-Ogg ({@code com.github.stephengold:j-ogg-vorbis}, 2024) is
 *       newer, but its reader prints to standard output for every file that is not Ogg, and the
 *       CLI's standard output is its report. VorbisSPI can leave out the last pages of some files
 *       (up to 0.15 s was measured), which moves a song's frame means by a fraction of a percent.</li>
 *   <li>FLAC: {@code com.tianscar.javasound:javasound-flac} 1.4.1 (2023; LGPL 2.1 and Apache 2.0),
 *       a maintained fork of JFLAC's decoder and javaFlacEncoder, newer than
 *       {@code org.jflac:jflac-codec} 1.5.2 (2017).</li>
 * </ul>
 *
 * <p>Java Sound parses the container; the PCM bytes are turned into floats here because its
 * public API converts only between a few integer layouts (no 24- or 32-bit PCM to float). Signed
 * and unsigned integer samples of 1 to 4 bytes in either byte order and 32- or 64-bit IEEE floats
 * are decoded; a sample of n bytes is divided by 2^(8n-1), so full scale is 1.0 whatever the bit
 * depth (WAV stores fewer valid bits left-aligned in the container, which this also handles).
 * Other encodings (mu-law, A-law, and the compressed ones) go through Java Sound's converters
 * to signed PCM first, at the source's bit depth where it has one (FLAC), else 16 bits.
 *
 * <p>A file that announces more sample frames than it holds is reported as truncated when the
 * samples run out, not silently analysed short. The count comes from the header of uncompressed
 * files and from {@link DeclaredLength} for FLAC; a cut Ogg file is refused before decoding. MP3
 * announces no count, so a cut MP3 is analysed up to the cut.
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
  /** Encodings whose container counts sample frames that Java Sound's frame length can be trusted for. */
  private static final Set<AudioFormat.Encoding> UNCOMPRESSED = Set.of(AudioFormat.Encoding.PCM_SIGNED,
      AudioFormat.Encoding.PCM_UNSIGNED, AudioFormat.Encoding.PCM_FLOAT, AudioFormat.Encoding.ULAW,
      AudioFormat.Encoding.ALAW);
  /** The formats named when a file is none of them. */
  static final String FORMATS = "WAV, AIFF, AU, MP3, FLAC or Ogg Vorbis";

  private final Path file;
  private final AudioInputStream stream;
  private final float sampleRate;
  private final int channels;
  private final int bytesPerSample;
  private final Layout layout;
  private final boolean bigEndian;
  private final long announcedFrames;
  private final AudioFormat.Encoding fileEncoding;
  private final byte[] bytes;
  private long framesRead;

  private enum Layout { SIGNED, UNSIGNED, FLOAT }

  /** {@code announcedFrames}: the frames the file says it holds, or NOT_SPECIFIED. */
  private DecodedAudio(Path file, AudioInputStream stream, long announcedFrames, AudioFormat.Encoding fileEncoding)
      throws AudioFileException {
    this.file = file;
    this.stream = stream;
    this.announcedFrames = announcedFrames;
    this.fileEncoding = fileEncoding;
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
      throw new AudioFileException(file, "is not audio this reads (" + FORMATS + "); it may be another format or"
          + " not audio at all", e);
    } catch (EOFException e) {
      throw new AudioFileException(file, "the file is truncated: it ends inside the audio header", e);
    } catch (IOException e) {
      throw new AudioFileException(file, "is not readable audio: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // The compressed formats' readers fail this way on damaged headers; the exception names the fault.
      throw new AudioFileException(file, "is not readable audio: its header is damaged (the reader failed with "
          + e + ")", e);
    }
    try {
      return decodable(file, stream);
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
        throw new AudioFileException(file, String.format(Locale.ROOT,
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
      // Java Sound's readers and decoders can fail with runtime exceptions on corrupt data; both mean a bad file.
      throw new AudioFileException(file, String.format(Locale.ROOT, "reading the %s audio failed %.2f s in (the file"
          + " is damaged): %s", fileEncoding, framesRead / sampleRate, e), e);
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

  /**
   * PCM streams as they are; anything else through Java Sound's converters to signed PCM. Each with
   * the frame count it announces: the header's for uncompressed files, {@link DeclaredLength}'s otherwise.
   */
  private static DecodedAudio decodable(Path file, AudioInputStream stream) throws AudioFileException {
    AudioFormat format = stream.getFormat();
    AudioFormat.Encoding encoding = format.getEncoding();
    if (encoding.equals(AudioFormat.Encoding.PCM_SIGNED) || encoding.equals(AudioFormat.Encoding.PCM_UNSIGNED)
        || encoding.equals(AudioFormat.Encoding.PCM_FLOAT)) {
      return new DecodedAudio(file, stream, headerFrames(stream), encoding);
    }
    boolean uncompressed = UNCOMPRESSED.contains(encoding);
    // mu-law and A-law expand to 13-14 bits; the MP3 and Vorbis decoders give no bit depth and produce 16.
    int bits = uncompressed || format.getSampleSizeInBits() <= 0 ? 16 : format.getSampleSizeInBits();
    AudioFormat pcm = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, format.getSampleRate(), bits,
        format.getChannels(), format.getChannels() * ((bits + 7) / 8), format.getSampleRate(), false);
    if (!AudioSystem.isConversionSupported(pcm, format)) {
      throw new AudioFileException(file, "its encoding " + encoding + " (" + format + ") cannot be decoded to PCM");
    }
    long announced = uncompressed ? headerFrames(stream) : compressedFrames(file);
    AudioInputStream decoded;
    try {
      decoded = AudioSystem.getAudioInputStream(pcm, stream);
    } catch (RuntimeException e) {
      throw new AudioFileException(file, "is not readable audio: its " + encoding + " decoder failed to start ("
          + e + ")", e);
    }
    return new DecodedAudio(file, decoded, announced, encoding);
  }

  /** The frame count in an uncompressed file's header, or NOT_SPECIFIED where the writer streamed it. */
  private static long headerFrames(AudioInputStream stream) {
    long frames = stream.getFrameLength();
    int frameSize = stream.getFormat().getFrameSize();
    return frames * frameSize >= STREAMED_SIZE - frameSize ? AudioSystem.NOT_SPECIFIED : frames;
  }

  /** FLAC's announced frame count; refuses a cut Ogg file; MP3 announces none. */
  private static long compressedFrames(Path file) throws AudioFileException {
    try {
      String oggCut = DeclaredLength.oggCut(file);
      if (oggCut != null) {
        throw new AudioFileException(file, oggCut);
      }
      return DeclaredLength.flacFrames(file);
    } catch (AudioFileException e) {
      throw e;
    } catch (IOException e) {
      throw new AudioFileException(file, "cannot be read: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(InputStream stream) {
    try {
      stream.close();
    } catch (IOException ignored) {
      // The file is already being reported as unreadable; a failed close adds nothing.
    }
  }
}
