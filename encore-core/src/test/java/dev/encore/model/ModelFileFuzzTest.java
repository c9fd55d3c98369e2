package dev.encore.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.encore.testing.FuzzOracles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Fuzzes the model file reader: any bytes are either a model that is consistent (and written
 * back, reads back equal) or refused with a {@link ModelFileException} naming the file, or found
 * truncated; no other exception, and no allocation beyond what the file's size can back. Each
 * input is read twice: as it is, and with its checksum made right, so the fuzzer also reaches the
 * checks behind the checksum.
 */
class ModelFileFuzzTest {
  private static final Path SOURCE = Path.of("fuzzed.encore");

  @FuzzTest(maxDuration = "30s")
  void readsOrRefusesNamingTheFile(byte[] bytes) throws IOException {
    fuzzerTestOneInput(bytes);
  }

  /** The entry point of the standalone fuzzer ({@code bin/encore-fuzz}). */
  public static void fuzzerTestOneInput(byte[] bytes) throws IOException {
    readOrRefuse(bytes);
    if (bytes.length >= Long.BYTES) {
      readOrRefuse(withRightChecksum(bytes));
    }
  }

  private static void readOrRefuse(byte[] bytes) throws IOException {
    FactorModel model;
    try {
      model = ModelFile.read(new ByteArrayInputStream(bytes), bytes.length, SOURCE);
    } catch (ModelFileException refused) {
      FuzzOracles.requireWordsNaming(refused, "", SOURCE.toString());
      return;
    } catch (EOFException truncated) {
      return;
    }
    requireConsistent(model);
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    ModelFile.write(model, written);
    FactorModel again = ModelFile.read(new ByteArrayInputStream(written.toByteArray()), written.size(), SOURCE);
    assertThat(again.userFactors()).as("user factors read back").isEqualTo(model.userFactors());
    assertThat(again.itemFactors()).as("item factors read back").isEqualTo(model.itemFactors());
    assertThat(again.settings()).as("settings read back").isEqualTo(model.settings());
  }

  private static void requireConsistent(FactorModel model) {
    int k = model.factors();
    assertThat((long) model.userFactors().length).as("user factors").isEqualTo((long) model.users().size() * k);
    assertThat((long) model.itemFactors().length).as("item factors").isEqualTo((long) model.items().size() * k);
    assertThat(model.played().rows()).as("played rows").isEqualTo(model.users().size());
    assertThat(model.played().columns()).as("played columns").isEqualTo(model.items().size());
  }

  /** The input with its last eight bytes replaced by the CRC-32 of the rest, as the writer would. */
  private static byte[] withRightChecksum(byte[] bytes) {
    byte[] fixed = bytes.clone();
    CRC32 crc = new CRC32();
    crc.update(fixed, 0, fixed.length - Long.BYTES);
    ByteBuffer.wrap(fixed, fixed.length - Long.BYTES, Long.BYTES).putLong(crc.getValue());
    return fixed;
  }
}
