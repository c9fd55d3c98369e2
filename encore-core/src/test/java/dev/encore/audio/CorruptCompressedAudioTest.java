package dev.encore.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.encore.testing.AudioFiles;
import dev.encore.testing.AudioSignals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Damaged MP3, FLAC and Ogg Vorbis files: a cut FLAC or Ogg file is reported as truncated, a file
 * that is not what its name says is refused naming the file, and whatever the damage, extraction
 * fails cleanly or measures finite values ({@link DamagedAudio#assertFailsCleanlyOrMeasuresFinite}).
 */
class CorruptCompressedAudioTest {
  private static final Path FOLDER = DamagedAudio.createFolder("encore-corrupt-compressed");
  private static final byte[] FLAC = encoded("flac");
  private static final byte[] MP3 = encoded("mp3");
  private static final byte[] OGG = oggFixture();
  private final AudioFeatureExtractor extractor = new AudioFeatureExtractor();

  enum Format {
    MP3, FLAC, OGG;

    byte[] bytes() {
      return switch (this) {
        case MP3 -> CorruptCompressedAudioTest.MP3;
        case FLAC -> CorruptCompressedAudioTest.FLAC;
        case OGG -> CorruptCompressedAudioTest.OGG;
      };
    }

    String extension() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Example
  void aFlacCutShortIsReportedTruncatedWithTheFramesMissing() throws IOException {
    Path file = write("cut.flac", Arrays.copyOf(FLAC, FLAC.length * 3 / 5));

    assertThatThrownBy(() -> extractor.extract(file)).isInstanceOf(AudioFileException.class)
        .hasMessageStartingWith(file + ": the file is truncated: the header announces 66,150 sample frames but only");
  }

  @Example
  void anOggCutInsideAPageIsReportedTruncated() throws IOException {
    Path file = write("cut.ogg", Arrays.copyOf(OGG, OGG.length - 100));

    assertThatThrownBy(() -> extractor.extract(file)).isInstanceOf(AudioFileException.class)
        .hasMessageStartingWith(file + ": the file is truncated: it ends ")
        .hasMessageContaining("into the Ogg page that starts at byte");
  }

  @Example
  void anOggCutBetweenPagesIsReportedTruncated() throws IOException {
    int lastPage = lastIndexOf(OGG, "OggS".getBytes(StandardCharsets.US_ASCII));
    Path file = write("cut-between.ogg", Arrays.copyOf(OGG, lastPage));

    assertThatThrownBy(() -> extractor.extract(file)).isInstanceOf(AudioFileException.class)
        .hasMessage(file + ": the file is truncated: its last Ogg page is complete but not marked as the end of the"
            + " stream");
  }

  @Example
  void anMp3CutShortIsAnalysedUpToTheCutBecauseMp3AnnouncesNoLength() throws IOException {
    Path file = write("cut.mp3", Arrays.copyOf(MP3, MP3.length / 2));

    assertThat(extractor.extract(file).durationSeconds()).isCloseTo(0.75, within(0.05));
  }

  @Example
  void aFileCutInsideItsCompressedHeaderIsRefusedNamingTheFile() throws IOException {
    for (Format format : Format.values()) {
      Path file = write("stub." + format.extension(), Arrays.copyOf(format.bytes(), 30));

      assertThatThrownBy(() -> extractor.extract(file)).as(format.name()).isInstanceOf(AudioFileException.class)
          .hasMessageStartingWith(file + ": ");
    }
  }

  @Example
  void textNamedAsCompressedAudioIsNotAudio() throws IOException {
    for (Format format : Format.values()) {
      Path file = Files.writeString(FOLDER.resolve("notes." + format.extension()), "track,genre\nt1,rock\n");

      assertThatThrownBy(() -> extractor.extract(file)).as(format.name()).isInstanceOf(AudioFileException.class)
          .hasMessage(file + ": is not audio this reads (WAV, AIFF, AU, MP3, FLAC or Ogg Vorbis); it may be another"
              + " format or not audio at all");
    }
  }

  @Property(tries = 40)
  void aCutFileFailsCleanlyOrMeasuresFinite(@ForAll Format format, @ForAll @IntRange(min = 0, max = 100) int percent)
      throws IOException {
    byte[] bytes = format.bytes();
    assertFailsCleanlyOrMeasuresFinite(format, Arrays.copyOf(bytes, bytes.length * percent / 100));
  }

  @Property(tries = 60)
  void aFileWithScrambledBytesFailsCleanlyOrMeasuresFinite(@ForAll Format format, @ForAll long seed)
      throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] damaged = format.bytes().clone();
    // Half the time in the headers, where the readers parse, half anywhere, where the decoders do.
    int span = random.nextBoolean() ? Math.min(256, damaged.length) : damaged.length;
    int changes = 1 + random.nextInt(8);
    for (int i = 0; i < changes; i++) {
      damaged[random.nextInt(span)] = (byte) random.nextInt(256);
    }
    assertFailsCleanlyOrMeasuresFinite(format, damaged);
  }

  @AfterContainer
  static void removeFiles() throws IOException {
    DamagedAudio.deleteFolder(FOLDER);
  }

  private static void assertFailsCleanlyOrMeasuresFinite(Format format, byte[] bytes) throws IOException {
    DamagedAudio.assertFailsCleanlyOrMeasuresFinite(write("damaged." + format.extension(), bytes));
  }

  private static Path write(String name, byte[] bytes) throws IOException {
    return Files.write(FOLDER.resolve(name), bytes);
  }

  private static int lastIndexOf(byte[] bytes, byte[] pattern) {
    for (int i = bytes.length - pattern.length; i >= 0; i--) {
      if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
        return i;
      }
    }
    throw new IllegalArgumentException("pattern not found");
  }

  /** 1.5 s of mono 44.1 kHz clicks and a tone, encoded from its WAV, as bytes. */
  private static byte[] encoded(String extension) {
    try {
      float[] signal = AudioSignals.sum(AudioSignals.tone(700, 0.3, 1.5, 44_100f), AudioSignals.clicks(120, 1.5,
          44_100f, 0.1, 1));
      Path wav = AudioFiles.writePcm(FOLDER.resolve("source.wav"), 44_100f, 16, signal);
      Path file = FOLDER.resolve("source." + extension);
      byte[] bytes = Files.readAllBytes(extension.equals("flac") ? Encoders.flac(wav, file) : Encoders.mp3(wav, file,
          128));
      Files.delete(file);
      Files.delete(wav);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] oggFixture() {
    try {
      return Files.readAllBytes(Path.of(CorruptCompressedAudioTest.class.getResource("codec-signal.ogg").toURI()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
