package dev.encore.audio;

import dev.encore.testing.AudioFiles;
import dev.encore.testing.AudioSignals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Damaged WAV files fail cleanly or measure finite values
 * ({@link DamagedAudio#assertFailsCleanlyOrMeasuresFinite}).
 */
class CorruptAudioTest {
  private static final byte[] GOOD_WAV = goodWav();
  private final Path folder = DamagedAudio.createFolder("encore-corrupt-audio");

  @Property(tries = 60)
  void aCutFileFailsCleanlyOrMeasuresFinite(@ForAll @IntRange(min = 0, max = 100) int percentKept) throws IOException {
    byte[] cut = Arrays.copyOf(GOOD_WAV, GOOD_WAV.length * percentKept / 100);
    assertFailsCleanlyOrMeasuresFinite(cut);
  }

  @Property(tries = 100)
  void aFileWithScrambledHeaderBytesFailsCleanlyOrMeasuresFinite(@ForAll long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] damaged = GOOD_WAV.clone();
    int changes = 1 + random.nextInt(4);
    for (int i = 0; i < changes; i++) {
      damaged[random.nextInt(48)] = (byte) random.nextInt(256);
    }
    assertFailsCleanlyOrMeasuresFinite(damaged);
  }

  @AfterProperty
  void removeFiles() throws IOException {
    DamagedAudio.deleteFolder(folder);
  }

  private void assertFailsCleanlyOrMeasuresFinite(byte[] bytes) throws IOException {
    DamagedAudio.assertFailsCleanlyOrMeasuresFinite(Files.write(folder.resolve("damaged.wav"), bytes));
  }

  private static byte[] goodWav() {
    try {
      Path folder = Files.createTempDirectory("encore-good-audio");
      Path file = AudioFiles.writePcm(folder.resolve("good.wav"), 22_050f, 16,
          AudioSignals.sum(AudioSignals.tone(700, 0.3, 0.4, 22_050f), AudioSignals.clicks(120, 0.4, 22_050f, 0, 1)));
      byte[] bytes = Files.readAllBytes(file);
      Files.delete(file);
      Files.delete(folder);
      return bytes;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
