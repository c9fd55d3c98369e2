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
  void rendleSettingsRoundTrip() throws IOException {
    AlsConfig settings = AlsConfig.defaults().withFactors(3).withIterations(1).withThreads(1)
        .withUnobservedWeight(0.125f).withRegularizationExponent(0.75f).withInitSigma(0.5f);
    FactorModel model = new AlsTrainer(settings).fit(RandomInteractions.generate(10, 8, 0.3, 5, 1));
    Path file = folder.resolve("rendle.encore");
    ModelFile.save(model, file);
    assertThat(ModelFile.load(file).settings()).isEqualTo(settings.withComputeLoss(false));
  }

  @Test
  void versionOneFilesLoadWithHuKorenVolinskysObjective() throws IOException {
    AlsConfig settings = MODEL.settings();
    FactorModel loaded = ModelFile.load(olderVersion(1, 16, "version1.encore"));
    assertThat(loaded.settings()).isEqualTo(settings.withBlockSize(64));
    assertThat(loaded.settings().unobservedWeight()).isEqualTo(1f);
    assertThat(loaded.settings().regularizationExponent()).isZero();
    assertThat(loaded.userFactors()).containsExactly(MODEL.userFactors());
  }

  @Test
  void versionTwoFilesLoadWithTheDefaultBlockSize() throws IOException {
    AlsConfig settings = AlsConfig.defaults().withFactors(3).withIterations(1).withThreads(1)
        .withUnobservedWeight(0.125f).withBlockSize(2);
    FactorModel model = new AlsTrainer(settings).fit(RandomInteractions.generate(10, 8, 0.3, 5, 1));
    FactorModel loaded = ModelFile.load(olderVersion(model, 2, 4, "version2.encore"));
    assertThat(loaded.settings()).isEqualTo(settings.withComputeLoss(false).withBlockSize(64));
    assertThat(loaded.userFactors()).containsExactly(model.userFactors());
  }

  @Test
  void blockSizeRoundTrips() throws IOException {
    AlsConfig settings = AlsConfig.defaults().withFactors(4).withIterations(1).withThreads(1)
        .withSolver(dev.encore.als.Solver.SUBSPACE).withBlockSize(3);
    FactorModel model = new AlsTrainer(settings).fit(RandomInteractions.generate(10, 8, 0.3, 5, 1));
    Path file = folder.resolve("subspace.encore");
    ModelFile.save(model, file);
    assertThat(ModelFile.load(file).settings()).isEqualTo(settings.withComputeLoss(false));
  }

  private Path olderVersion(int version, int droppedSettingBytes, String name) throws IOException {
    return olderVersion(MODEL, version, droppedSettingBytes, name);
  }

  /**
   * {@code model} written as a file of an older {@code version}: the current file with that version
   * number and without the last {@code droppedSettingBytes} of its settings (version 2 appended
   * three floats, version 3 an int), checksummed again.
   */
  private Path olderVersion(FactorModel model, int version, int droppedSettingBytes, String name) throws IOException {
    ByteArrayOutputStream current = new ByteArrayOutputStream();
    ModelFile.write(model, current);
    byte[] bytes = current.toByteArray();
    AlsConfig settings = model.settings();
    // magic, version, then the settings: factors, lambda, ALS-WR, function, alpha, epsilon, cap,
    // iterations, solver, CG steps, seed, threads, alpha0, nu, sigma, block size
    int settingsEnd = 8 + 4 + 4 + 4 + 1 + 4 + settings.confidence().function().toString().length() + 12 + 4 + 4
        + settings.solver().toString().length() + 4 + 8 + 4 + 12 + 4;
    ByteArrayOutputStream old = new ByteArrayOutputStream();
    old.write(bytes, 0, 8);
    old.write(java.nio.ByteBuffer.allocate(4).putInt(version).array());
    old.write(bytes, 12, settingsEnd - droppedSettingBytes - 12);
    old.write(bytes, settingsEnd, bytes.length - 8 - settingsEnd);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(old.toByteArray());
    old.write(java.nio.ByteBuffer.allocate(8).putLong(crc.getValue()).array());
    Path file = folder.resolve(name);
    Files.write(file, old.toByteArray());
    return file;
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
