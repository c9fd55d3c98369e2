package dev.encore.audio;

import dev.encore.testing.AudioFiles;
import dev.encore.testing.AudioSignals;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The one signal every compressed-format test encodes: 3 s of 44.1 kHz stereo, a chord with a
 * 120 BPM click track, the channels different so a decoder that swapped or dropped one shows.
 * Deterministic (seeded clicks), so the WAV written here is the same bytes on every run, the
 * one {@code codec-signal.ogg} was encoded from ({@code make-codec-signal-ogg.sh} beside it).
 */
final class CodecSignal {
  static final float RATE = 44_100f;
  static final double SECONDS = 3;
  static final double BPM = 120;

  private CodecSignal() {
  }

  static float[] left() {
    return mix(AudioSignals.sum(AudioSignals.tone(220, 0.25, SECONDS, RATE), AudioSignals.tone(1320, 0.1, SECONDS,
        RATE)), 1);
  }

  static float[] right() {
    return mix(AudioSignals.tone(330, 0.2, SECONDS, RATE), 2);
  }

  /** The signal as 16-bit PCM WAV: the reference the compressed files are measured against. */
  static Path writeWav(Path file) throws IOException {
    return AudioFiles.writePcm(file, RATE, 16, left(), right());
  }

  private static float[] mix(float[] tones, long clickSeed) {
    return AudioSignals.sum(tones, AudioSignals.scaled(AudioSignals.clicks(BPM, SECONDS, RATE, 0.1, clickSeed), 0.6));
  }

  /** Writes the WAV to {@code args[0]}, for encoders outside Java (see make-codec-signal-ogg.sh). */
  public static void main(String[] args) throws IOException {
    writeWav(Path.of(args[0]));
  }
}
