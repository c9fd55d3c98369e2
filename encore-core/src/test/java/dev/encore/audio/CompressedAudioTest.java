package dev.encore.audio;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.encore.content.StandardFeatures;
import dev.encore.testing.AudioFiles;
import dev.encore.testing.AudioSignals;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FLAC, MP3 and Ogg Vorbis files made from one WAV ({@link CodecSignal}) measure like the WAV:
 * FLAC exactly, the lossy formats within the tolerances below.
 */
class CompressedAudioTest {
  /**
   * The largest accepted difference from the WAV's value for a 128 kbit/s MP3 (jump3r, decoded by
   * JLayer), about 1.5 times the difference measured (in brackets), with a floor where that is tiny. The codec's
   * quantisation noise fills mel bands that are near-silent in the WAV, and MFCCs are logs of band
   * energies, so they move most; the encoder's 17 kHz low-pass takes part of the clicks' energy
   * (0.56 dB). The MP3 also starts with the encoder's delay (56 ms here, silence), which the
   * frame means include. For scale, the same features' standard deviations across GTZAN's 1,000
   * tracks: MFCC 1-5: 100, 31, 22, 17, 12; tempo 28 BPM; energy 0.066; centroid 716 Hz, rolloff
   * 1,574 Hz, bandwidth 526 Hz.
   */
  private static final Map<String, Float> MP3_TOLERANCE = Map.ofEntries(
      entry("mfcc1", 12f), // [7.77]
      entry("mfcc2", 12f), // [7.90]
      entry("mfcc3", 1f), // [0.59]
      entry("mfcc4", 6f), // [3.47]
      entry("mfcc5", 1f), // [0.51]
      entry("tempo", 0.5f), // [0.04 BPM]
      entry("beat_strength", 0.08f), // [0.048]
      entry("energy", 0.012f), // [0.0076 of 0.118]
      entry("loudness", 1f), // [0.56 dB]
      entry("spectral_centroid", 15f), // [9.3 Hz]
      entry("spectral_rolloff", 50f), // [33 Hz]
      entry("spectral_bandwidth", 25f), // [16 Hz]
      entry("zero_crossing_rate_mean", 0.002f)); // [0.0012 of 0.043]

  /**
   * The same for the Ogg Vorbis file (oggenc's default quality 3, decoded by VorbisSPI/JOrbis).
   * Vorbis codes the spectral floor of every band, so the near-silent bands gain more noise than
   * through MP3 and the MFCCs and spectral shape move further; the level barely moves.
   */
  private static final Map<String, Float> VORBIS_TOLERANCE = Map.ofEntries(
      entry("mfcc1", 36f), // [23.7]
      entry("mfcc2", 33f), // [21.4]
      entry("mfcc3", 10f), // [6.64]
      entry("mfcc4", 5f), // [3.07]
      entry("mfcc5", 8f), // [5.04]
      entry("tempo", 0.5f), // [0.15 BPM]
      entry("beat_strength", 0.03f), // [0.015]
      entry("energy", 0.002f), // [0.0007]
      entry("loudness", 0.1f), // [0.05 dB]
      entry("spectral_centroid", 105f), // [68 Hz]
      entry("spectral_rolloff", 175f), // [116 Hz]
      entry("spectral_bandwidth", 65f), // [42 Hz]
      entry("zero_crossing_rate_mean", 0.001f)); // [0.0004]

  @TempDir
  static Path folder;
  private static AudioFeatures wav;
  private static AudioFeatures flac;
  private static AudioFeatures mp3;
  private static AudioFeatures vorbis;

  @BeforeAll
  static void encodeAndMeasure() throws IOException, URISyntaxException {
    AudioFeatureExtractor extractor = new AudioFeatureExtractor();
    Path reference = CodecSignal.writeWav(folder.resolve("signal.wav"));
    wav = extractor.extract(reference);
    flac = extractor.extract(Encoders.flac(reference, folder.resolve("signal.flac")));
    mp3 = extractor.extract(Encoders.mp3(reference, folder.resolve("signal.mp3"), 128));
    Path fixture = Path.of(CompressedAudioTest.class.getResource("codec-signal.ogg").toURI());
    vorbis = extractor.extract(Files.copy(fixture, folder.resolve("signal.ogg")));
  }

  @Test
  void flacMeasuresExactlyAsItsWav() {
    assertThat(flac.values()).containsExactly(wav.values());
    assertThat(flac.durationSeconds()).isEqualTo(wav.durationSeconds());
    assertThat(flac.sampleRate()).isEqualTo(CodecSignal.RATE);
  }

  @ParameterizedTest
  @ValueSource(ints = {16, 24})
  void flacDecodesTheWavsSamplesAtItsBitDepth(int bits) throws IOException {
    float[] signal = AudioSignals.sum(AudioSignals.tone(700, 0.3, 1, 22_050f), AudioSignals.clicks(100, 1, 22_050f,
        0.05, 3));
    Path wavFile = AudioFiles.writePcm(folder.resolve("mono-" + bits + ".wav"), 22_050f, bits, signal);
    Path flacFile = Encoders.flac(wavFile, folder.resolve("mono-" + bits + ".flac"));
    AudioFeatureExtractor extractor = new AudioFeatureExtractor();

    assertThat(extractor.extract(flacFile).values()).containsExactly(extractor.extract(wavFile).values());
  }

  @Test
  void mp3MeasuresWithinItsTolerancesOfItsWav() {
    assertWithin(mp3, MP3_TOLERANCE);
    // Encoder delay and the padding of the last frame: 2,484 samples here.
    assertThat(mp3.durationSeconds()).isBetween(CodecSignal.SECONDS, CodecSignal.SECONDS + 0.1);
    assertThat(mp3.sampleRate()).isEqualTo(CodecSignal.RATE);
  }

  @Test
  void anMp3BehindALargeId3TagMeasuresAsWithoutIt() throws IOException {
    // Taggers put ID3v2 (cover art: hundreds of KB) before the first frame; here 300 KB of padding.
    int size = 300_000;
    byte[] header = {'I', 'D', '3', 3, 0, 0, (byte) (size >> 21 & 0x7F), (byte) (size >> 14 & 0x7F),
        (byte) (size >> 7 & 0x7F), (byte) (size & 0x7F)};
    Path tagged = folder.resolve("tagged.mp3");
    Files.write(tagged, header);
    Files.write(tagged, new byte[size], StandardOpenOption.APPEND);
    Files.write(tagged, Files.readAllBytes(folder.resolve("signal.mp3")), StandardOpenOption.APPEND);

    assertThat(new AudioFeatureExtractor().extract(tagged).values()).containsExactly(mp3.values());
  }

  @Test
  void oggVorbisMeasuresWithinItsTolerancesOfItsWav() {
    assertWithin(vorbis, VORBIS_TOLERANCE);
    // VorbisSPI can leave out the last pages of a file (DecodedAudio); this one it decodes whole.
    assertThat(vorbis.durationSeconds()).isCloseTo(CodecSignal.SECONDS, within(0.01));
    assertThat(vorbis.sampleRate()).isEqualTo(CodecSignal.RATE);
  }

  /** Every standard feature (the emotion flags are NaN in both) and the zero-crossing rate. */
  private static void assertWithin(AudioFeatures lossy, Map<String, Float> tolerance) {
    SoftAssertions softly = new SoftAssertions();
    for (String name : tolerance.keySet()) {
      softly.assertThat(lossy.value(name)).as(name).isCloseTo(wav.value(name), within(tolerance.get(name)));
    }
    softly.assertAll();
    assertThat(tolerance.keySet()).as("every standard feature that is measured is compared")
        .containsAll(StandardFeatures.NAMES.stream().filter(name -> !StandardFeatures.EMOTION_FLAGS.contains(name))
            .toList());
  }
}
