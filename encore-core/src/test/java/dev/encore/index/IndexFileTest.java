package dev.encore.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.model.ModelFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexFileTest {
  private static final int K = 8;

  private static float[] factors(long seed, int rows) {
    Random random = new Random(seed);
    float[] values = new float[rows * K];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }

  @Test
  void anIndexReadBackAnswersAsTheOneWritten(@TempDir Path folder) throws Exception {
    int rows = 1_500;
    float[] items = factors(1, rows);
    ItemIndex written = ItemIndexBuilder.build(items, rows, K, null, 0, IndexSettings.defaults(1));
    Path file = IndexFile.forModel(folder.resolve("model.encore"));
    IndexFile.save(written, items, file);
    assertThat(file.getFileName().toString()).isEqualTo("model.encore.index");
    ItemIndex read = IndexFile.load(file, items, rows, K);
    assertThat(read.quality()).isEqualTo(written.quality());
    float[] queries = factors(2, 30);
    for (int q = 0; q < 30; q++) {
      assertThat(read.topByScore(queries, q * K, 10, null)).isEqualTo(written.topByScore(queries, q * K, 10, null));
    }
    float[] unit = new float[K];
    System.arraycopy(items, 0, unit, 0, K);
    SphericalKMeans.normalizeRows(unit, 1, K);
    assertThat(read.topByCosine(unit, 0, 10, null)).isEqualTo(written.topByCosine(unit, 0, 10, null));
  }

  @Test
  void anIndexOfOtherFactorsACorruptOrATruncatedFileIsRefusedByName(@TempDir Path folder) throws Exception {
    int rows = 500;
    float[] items = factors(3, rows);
    Path file = folder.resolve("m.encore.index");
    IndexFile.save(ItemIndexBuilder.build(items, rows, K, null, 0, IndexSettings.defaults(1)), items, file);
    float[] retrained = items.clone();
    retrained[7] += 1e-3f;
    assertThatThrownBy(() -> IndexFile.load(file, retrained, rows, K)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("built for other item factors");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x10;
    Path corrupt = folder.resolve("corrupt.index");
    Files.write(corrupt, bytes);
    assertThatThrownBy(() -> IndexFile.load(corrupt, items, rows, K)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("corrupt");
    Path truncated = folder.resolve("truncated.index");
    Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(file), 200));
    assertThatThrownBy(() -> IndexFile.load(truncated, items, rows, K)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining(truncated.toString());
  }
}
