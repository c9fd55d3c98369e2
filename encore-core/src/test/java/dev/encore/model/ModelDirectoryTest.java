package dev.encore.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.data.Confidence;
import dev.encore.testing.RandomInteractions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelDirectoryTest {
  private static final FactorModel MODEL = new AlsTrainer(AlsConfig.defaults().withFactors(4).withIterations(2)
      .withConfidence(Confidence.log(2f, 1.5f)).withThreads(1))
      .fit(RandomInteractions.generate(40, 25, 0.2, 50, 3));

  @TempDir
  Path folder;

  @ParameterizedTest
  @CsvSource({"1, 1", "3, 2", "7, 5", "40, 25", "50, 30"})
  void anyNumberOfPartsLoadsAsTheSameModel(int userParts, int itemParts) throws IOException {
    Path directory = folder.resolve("model");
    ModelDirectory.save(MODEL, directory, userParts, itemParts);
    FactorModel loaded = ModelFile.load(directory);
    assertThat(loaded.users()).isEqualTo(MODEL.users());
    assertThat(loaded.items()).isEqualTo(MODEL.items());
    assertThat(loaded.userFactors()).containsExactly(MODEL.userFactors());
    assertThat(loaded.itemFactors()).containsExactly(MODEL.itemFactors());
    assertThat(loaded.played().indptr()).containsExactly(MODEL.played().indptr());
    assertThat(loaded.played().indices()).containsExactly(MODEL.played().indices());
    assertThat(loaded.played().values()).containsExactly(MODEL.played().values());
    assertThat(loaded.settings()).isEqualTo(MODEL.settings());
  }

  @Test
  void savingAgainReplacesTheOldDirectoryAndLeavesNoTemporaries() throws IOException {
    Path directory = folder.resolve("model");
    ModelDirectory.save(MODEL, directory, 2, 2);
    ModelDirectory.save(MODEL, directory, 3, 1);
    assertThat(ModelFile.load(directory).userFactors()).containsExactly(MODEL.userFactors());
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(path -> path.getFileName().toString())).containsExactly("model");
    }
    try (Stream<Path> parts = Files.list(directory)) {
      assertThat(parts.filter(path -> path.getFileName().toString().startsWith("users-")).count()).isEqualTo(3);
    }
  }

  @Test
  void aDirectoryWithoutManifestIsIncomplete() throws IOException {
    Path directory = folder.resolve("model");
    ModelDirectory.save(MODEL, directory, 2, 2);
    Files.delete(directory.resolve(ModelDirectory.MANIFEST));
    assertThatThrownBy(() -> ModelFile.load(directory)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("needs a 'manifest' file");
  }

  @Test
  void aMissingPartIsNamed() throws IOException {
    Path directory = folder.resolve("model");
    ModelDirectory.save(MODEL, directory, 2, 2);
    Files.delete(directory.resolve(ModelDirectory.itemPartName(1)));
    assertThatThrownBy(() -> ModelFile.load(directory)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("part items-00001.part named by the manifest is missing");
  }

  @Test
  void aCorruptPartFailsItsChecksum() throws IOException {
    Path directory = folder.resolve("model");
    ModelDirectory.save(MODEL, directory, 2, 2);
    Path part = directory.resolve(ModelDirectory.userPartName(0));
    try (RandomAccessFile file = new RandomAccessFile(part.toFile(), "rw")) {
      file.seek(file.length() / 2);
      int value = file.read();
      file.seek(file.length() / 2);
      file.write(value ^ 0x40);
    }
    assertThatThrownBy(() -> ModelFile.load(directory)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("users-00000.part").hasMessageContaining("checksum mismatch");
  }

  @Test
  void aTruncatedPartIsNamed() throws IOException {
    Path directory = folder.resolve("model");
    ModelDirectory.save(MODEL, directory, 2, 2);
    Path part = directory.resolve(ModelDirectory.userPartName(1));
    byte[] bytes = Files.readAllBytes(part);
    Files.write(part, java.util.Arrays.copyOf(bytes, bytes.length - 20));
    assertThatThrownBy(() -> ModelFile.load(directory)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("users-00001.part");
  }

  @Test
  void aPartFromAnotherModelIsRefused() throws IOException {
    FactorModel other = new AlsTrainer(MODEL.settings().withSeed(99)).fit(RandomInteractions.generate(40, 25, 0.2,
        50, 3));
    Path first = folder.resolve("first");
    Path second = folder.resolve("second");
    ModelDirectory.save(MODEL, first, 2, 2);
    ModelDirectory.save(other, second, 2, 2);
    Files.copy(second.resolve(ModelDirectory.itemPartName(0)), first.resolve(ModelDirectory.itemPartName(0)),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> ModelFile.load(first)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("belongs to another model");
  }
}
