package dev.encore.audio;

import de.sciss.jump3r.lowlevel.LameEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Encodes a PCM WAV file as FLAC (javaFlacEncoder, the writer javasound-flac registers with Java
 * Sound) or MP3 (jump3r, a Java port of LAME), so the tests make compressed files from the very
 * samples of a WAV. No encoder for Ogg Vorbis is on Maven Central, so that file is a fixture.
 */
final class Encoders {
  private Encoders() {
  }

  static Path flac(Path wav, Path flac) throws IOException {
    AudioFileFormat.Type type = Arrays.stream(AudioSystem.getAudioFileTypes())
        .filter(candidate -> candidate.getExtension().equals("flac")).findFirst()
        .orElseThrow(() -> new IllegalStateException("no FLAC writer registered with Java Sound"));
    try (AudioInputStream pcm = open(wav)) {
      AudioSystem.write(pcm, type, flac.toFile());
    }
    return flac;
  }

  /** Constant bit rate, LAME's high quality setting, joint stereo for two channels. */
  static Path mp3(Path wav, Path mp3, int kilobitsPerSecond) throws IOException {
    try (AudioInputStream pcm = open(wav)) {
      AudioFormat format = pcm.getFormat();
      LameEncoder encoder = new LameEncoder(format, kilobitsPerSecond, format.getChannels() == 1
          ? LameEncoder.CHANNEL_MODE_MONO : LameEncoder.CHANNEL_MODE_JOINT_STEREO, LameEncoder.QUALITY_HIGH, false);
      try {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        byte[] input = new byte[encoder.getPCMBufferSize()];
        byte[] output = new byte[encoder.getMP3BufferSize()];
        int count;
        while ((count = pcm.readNBytes(input, 0, input.length)) > 0) {
          encoded.write(output, 0, encoder.encodeBuffer(input, 0, count, output));
        }
        encoded.write(output, 0, encoder.encodeFinish(output));
        return Files.write(mp3, encoded.toByteArray());
      } finally {
        encoder.close();
      }
    }
  }

  private static AudioInputStream open(Path wav) throws IOException {
    try {
      return AudioSystem.getAudioInputStream(wav.toFile());
    } catch (UnsupportedAudioFileException e) {
      throw new IOException(wav + " is not a WAV file", e);
    }
  }
}
