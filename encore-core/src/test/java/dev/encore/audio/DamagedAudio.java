package dev.encore.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.content.StandardFeatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For the property tests that feed extraction damaged files: the outcome they all require, and a
 * folder for the files (jqwik properties get no JUnit {@code @TempDir}).
 */
final class DamagedAudio {
  private DamagedAudio() {
  }

  /**
   * Extraction either fails with an {@link AudioFileException} whose message starts with the file,
   * or measures finite values (the emotion flags aside, which are always NaN); never another
   * exception, never NaN or infinity.
   */
  static void assertFailsCleanlyOrMeasuresFinite(Path file) {
    AudioFeatures features;
    try {
      features = new AudioFeatureExtractor().extract(file);
    } catch (AudioFileException e) {
      assertThat(e).hasMessageStartingWith(file + ": ");
      return;
    }
    for (String name : AudioFeatures.NAMES) {
      if (!StandardFeatures.EMOTION_FLAGS.contains(name)) {
        assertThat(features.value(name)).as(name).isFinite();
      }
    }
  }

  static Path createFolder(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code folder} and the files in it. */
  static void deleteFolder(Path folder) throws IOException {
    try (var files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(folder);
  }
}
