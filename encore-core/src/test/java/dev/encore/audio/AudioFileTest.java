package dev.encore.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.encore.testing.AudioFiles;
import dev.encore.testing.AudioSignals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files written by Java Sound's own writers, decoded and measured; and files that are not audio. */
class AudioFileTest {
  private static final float RATE = 22_050f;
  private final AudioFeatureExtractor extractor = new AudioFeatureExtractor();

  @TempDir
  Path folder;

  @ParameterizedTest
  @ValueSource(ints = {8, 16, 24, 32})
  void everyPcmBitDepthDecodesToTheSignal(int bits) throws IOException {
    float[] signal = AudioSignals.sum(AudioSignals.tone(800, 0.3, 3, RATE), AudioSignals.clicks(120, 3, RATE, 0.1, 2));
    Path file = AudioFiles.writePcm(folder.resolve("signal-" + bits + ".wav"), RATE, bits, signal);

    AudioFeatures fromFile = extractor.extract(file);
    AudioFeatures direct = extractor.extract(signal, RATE);

    // Quantisation noise is white: at 8 bits (-48 dB) it moves the spectral features, so only
    // the level and the beat are compared there; 16 bits (-96 dB) barely move them.
    assertClose(fromFile, direct, "loudness", 0.01f);
    assertClose(fromFile, direct, "tempo", 0.5f);
    assertClose(fromFile, direct, "energy", bits == 8 ? 0.005f : 1e-4f);
    if (bits >= 16) {
      float relative = bits == 16 ? 0.005f : 1e-4f;
      for (String name : new String[] {"spectral_centroid", "spectral_rolloff", "mfcc1", "mfcc2", "mfcc3"}) {
        assertClose(fromFile, direct, name, Math.abs(direct.value(name)) * relative);
      }
    }
  }

  private static void assertClose(AudioFeatures actual, AudioFeatures expected, String name, float tolerance) {
    assertThat(actual.value(name)).as(name).isCloseTo(expected.value(name), within(tolerance));
  }

  @Test
  void bigEndianAiffDecodesLikeWav() throws IOException {
    float[] signal = AudioSignals.tone(500, 0.5, 2, RATE);
    AudioFeatures aiff = extractor.extract(AudioFiles.writeAiff(folder.resolve("tone.aiff"), RATE, signal));
    AudioFeatures wav = extractor.extract(AudioFiles.writePcm(folder.resolve("tone.wav"), RATE, 16, signal));

    assertThat(aiff.values()).containsExactly(wav.values());
  }

  @Test
  void muLawAuDecodesCloseToItsPcm() throws IOException, UnsupportedAudioFileException {
    float[] signal = AudioSignals.sum(AudioSignals.tone(600, 0.4, 2, RATE), AudioSignals.clicks(120, 2, RATE, 0.1, 4));
    Path wav = AudioFiles.writePcm(folder.resolve("pcm.wav"), RATE, 16, signal);
    Path au = folder.resolve("mu-law.au");
    try (AudioInputStream pcm = AudioSystem.getAudioInputStream(wav.toFile());
        AudioInputStream muLaw = AudioSystem.getAudioInputStream(AudioFormat.Encoding.ULAW, pcm)) {
      AudioSystem.write(muLaw, AudioFileFormat.Type.AU, au.toFile());
    }

    AudioFeatures decoded = extractor.extract(au);
    AudioFeatures direct = extractor.extract(signal, RATE);

    // 8-bit mu-law keeps about 38 dB signal-to-noise, white noise that moves the spectral features
    // as 8-bit PCM does: so the level and the beat are compared.
    assertThat(decoded.durationSeconds()).isEqualTo(direct.durationSeconds());
    assertClose(decoded, direct, "loudness", 0.05f);
    assertClose(decoded, direct, "energy", 0.005f);
    assertClose(decoded, direct, "tempo", 0.5f);
  }

  @Test
  void stereoEqualsItsMonoMix() throws IOException {
    float[] left = AudioSignals.tone(440, 0.4, 3, RATE);
    float[] right = AudioSignals.clicks(100, 3, RATE, 0.05, 9);
    // Even 16-bit steps on both sides make the mix exactly representable in 16 bits.
    float[] evenLeft = evenSteps(left);
    float[] evenRight = evenSteps(right);
    float[] mix = new float[left.length];
    for (int n = 0; n < mix.length; n++) {
      mix[n] = (evenLeft[n] + evenRight[n]) / 2;
    }

    AudioFeatures stereo = extractor.extract(AudioFiles.writePcm(folder.resolve("stereo.wav"), RATE, 16, evenLeft,
        evenRight));
    AudioFeatures mono = extractor.extract(AudioFiles.writePcm(folder.resolve("mono.wav"), RATE, 16, mix));

    assertThat(stereo.values()).containsExactly(mono.values());
    assertThat(stereo.value("tempo")).isCloseTo(100f, within(2f));
  }

  @Test
  void randomBytesAreNotAudio() throws IOException {
    byte[] bytes = new byte[4096];
    new SplittableRandom(1).nextBytes(bytes);
    Path file = Files.write(folder.resolve("noise.wav"), bytes);

    assertFailsNamingTheFile(file, "not audio");
  }

  @Test
  void aTextFileIsNotAudio() throws IOException {
    Path file = Files.writeString(folder.resolve("notes.wav"), "track,genre\nt1,rock\n");

    assertFailsNamingTheFile(file, "not audio");
  }

  @Test
  void anEmptyFileIsRefused() throws IOException {
    Path file = Files.createFile(folder.resolve("empty.wav"));

    assertFailsNamingTheFile(file, "empty");
  }

  @Test
  void aTruncatedWavIsRefusedNotAnalysedShort() throws IOException {
    Path whole = AudioFiles.writePcm(folder.resolve("whole.wav"), RATE, 16, AudioSignals.tone(440, 0.5, 2, RATE));
    byte[] bytes = Files.readAllBytes(whole);
    Path file = Files.write(folder.resolve("cut.wav"), Arrays.copyOf(bytes, bytes.length / 2));

    assertFailsNamingTheFile(file, "truncated");
  }

  @Test
  void aWavCutInsideItsHeaderIsRefused() throws IOException {
    Path whole = AudioFiles.writePcm(folder.resolve("whole.wav"), RATE, 16, AudioSignals.tone(440, 0.5, 1, RATE));
    Path file = Files.write(folder.resolve("stub.wav"), Arrays.copyOf(Files.readAllBytes(whole), 20));

    assertThatThrownBy(() -> extractor.extract(file)).isInstanceOf(AudioFileException.class)
        .hasMessageStartingWith(file.toString());
  }

  @Test
  void aWavWithNoSamplesIsRefused() throws IOException {
    Path file = AudioFiles.writePcm(folder.resolve("nothing.wav"), RATE, 16, new float[0]);

    assertFailsNamingTheFile(file, "no audio samples");
  }

  @Test
  void missingFilesAndFoldersAreRefused() {
    assertFailsNamingTheFile(folder.resolve("absent.wav"), "no such file");
    assertFailsNamingTheFile(folder, "directory");
  }

  private void assertFailsNamingTheFile(Path file, String reason) {
    assertThatThrownBy(() -> extractor.extract(file))
        .isInstanceOf(AudioFileException.class)
        .hasMessageStartingWith(file + ": ")
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(((AudioFileException) e).file()).isEqualTo(file));
  }

  private static float[] evenSteps(float[] samples) {
    float[] out = new float[samples.length];
    for (int n = 0; n < samples.length; n++) {
      out[n] = 2 * Math.round(samples[n] * 16_384f) / 32_768f;
    }
    return out;
  }
}
