package dev.encore.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.data.Confidence;
import dev.encore.testing.RandomInteractions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
  private static final FactorModel MODEL = new AlsTrainer(AlsConfig.defaults().withFactors(5).withIterations(2)
      .withConfidence(Confidence.capped(2f, 10f)).withScaleRegularization(true).withThreads(1))
      .fit(RandomInteractions.generate(30, 20, 0.2, 50, 2));

  @TempDir
  Path folder;

  @Test
  void saveThenLoadIsBitIdentical() throws IOException {
    Path file = folder.resolve("model.encore");
    ModelFile.save(MODEL, file);
    FactorModel loaded = ModelFile.load(file);
    assertThat(loaded.userFactors()).containsExactly(MODEL.userFactors());
    assertThat(loaded.itemFactors()).containsExactly(MODEL.itemFactors());
    assertThat(loaded.users()).isEqualTo(MODEL.users());
    assertThat(loaded.items()).isEqualTo(MODEL.items());
    assertThat(loaded.played().indptr()).containsExactly(MODEL.played().indptr());
    assertThat(loaded.played().indices()).containsExactly(MODEL.played().indices());
    assertThat(loaded.played().values()).containsExactly(MODEL.played().values());
    assertThat(loaded.settings()).isEqualTo(MODEL.settings());
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    ModelFile.write(loaded, again);
    assertThat(again.toByteArray()).isEqualTo(Files.readAllBytes(file));
  }

  @Test
  void truncatedFileGivesAClearError() throws IOException {
    Path file = folder.resolve("model.encore");
    ModelFile.save(MODEL, file);
    byte[] bytes = Files.readAllBytes(file);
    for (int length : new int[] {0, 5, 40, bytes.length / 2, bytes.length - 1}) {
      Path truncated = folder.resolve("truncated-" + length);
      Files.write(truncated, Arrays.copyOf(bytes, length));
      assertThatThrownBy(() -> ModelFile.load(truncated))
          .isInstanceOf(ModelFileException.class)
          .hasMessageStartingWith("model file " + truncated)
          .hasMessageMatching(".*(truncated|corrupt).*");
    }
  }

  @Test
  void flippedByteFailsTheChecksum() throws IOException {
    Path file = folder.resolve("model.encore");
    ModelFile.save(MODEL, file);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 20] ^= 0x10;
    Files.write(file, bytes);
    assertThatThrownBy(() -> ModelFile.load(file)).hasMessageContaining("checksum mismatch");
  }

  @Test
  void otherFilesAreNotMistakenForModels() throws IOException {
    Path file = folder.resolve("notes.txt");
    Files.writeString(file, "user\titem\tvalue\n1\t2\t3\n");
    assertThatThrownBy(() -> ModelFile.load(file)).hasMessageContaining("not an Encore model file");
    assertThatThrownBy(() -> ModelFile.load(folder.resolve("missing"))).hasMessageContaining("no such model file");
  }

  @Test
  void savingReplacesTheOldModelAndLeavesNoTemporaryFile() throws IOException {
    Path file = folder.resolve("model.encore");
    Files.writeString(file, "an older model");
    ModelFile.save(MODEL, file);
    assertThat(ModelFile.load(file).userFactors()).containsExactly(MODEL.userFactors());
    try (var listing = Files.list(folder)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("model.encore");
    }
  }
}
