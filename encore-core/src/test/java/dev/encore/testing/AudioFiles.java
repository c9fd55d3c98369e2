package dev.encore.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Writes generated signals as audio files through Java Sound's own writers, in a chosen sample layout. */
public final class AudioFiles {
  private AudioFiles() {
  }

  /** Integer PCM: 8-bit unsigned (as WAV stores it), 16/24/32-bit signed little-endian. */
  public static Path writePcm(Path file, float sampleRate, int bits, float[]... channels) throws IOException {
    AudioFormat.Encoding encoding = bits == 8 ? AudioFormat.Encoding.PCM_UNSIGNED : AudioFormat.Encoding.PCM_SIGNED;
    return write(file, AudioFileFormat.Type.WAVE, new AudioFormat(encoding, sampleRate, bits, channels.length,
        channels.length * bits / 8, sampleRate, false), channels);
  }

  /** 16-bit signed big-endian AIFF. */
  public static Path writeAiff(Path file, float sampleRate, float[]... channels) throws IOException {
    return write(file, AudioFileFormat.Type.AIFF, new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, sampleRate, 16,
        channels.length, channels.length * 2, sampleRate, true), channels);
  }

  private static Path write(Path file, AudioFileFormat.Type type, AudioFormat format, float[][] channels)
      throws IOException {
    int bytesPerSample = format.getSampleSizeInBits() / 8;
    int frames = channels[0].length;
    ByteBuffer bytes = ByteBuffer.allocate(frames * format.getFrameSize())
        .order(format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    for (int n = 0; n < frames; n++) {
      for (float[] channel : channels) {
        putSample(bytes, channel[n], bytesPerSample, format.getEncoding());
      }
    }
    try (AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(bytes.array()), format, frames)) {
      AudioSystem.write(stream, type, file.toFile());
    }
    return file;
  }

  /** Rounds to the nearest integer step, clipping at full scale. */
  public static long quantise(float sample, int bits) {
    double steps = Math.pow(2, bits - 1);
    return (long) Math.max(-steps, Math.min(steps - 1, Math.round(sample * steps)));
  }

  private static void putSample(ByteBuffer bytes, float sample, int bytesPerSample, AudioFormat.Encoding encoding) {
    long value = quantise(sample, bytesPerSample * 8);
    switch (bytesPerSample) {
      case 1 -> bytes.put((byte) (encoding == AudioFormat.Encoding.PCM_UNSIGNED ? value + 128 : value));
      case 2 -> bytes.putShort((short) value);
      case 3 -> {
        if (bytes.order() == ByteOrder.LITTLE_ENDIAN) {
          bytes.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
        } else {
          bytes.put((byte) (value >> 16)).put((byte) (value >> 8)).put((byte) value);
        }
      }
      case 4 -> bytes.putInt((int) value);
      default -> throw new IllegalArgumentException(bytesPerSample + " bytes per sample");
    }
  }
}
