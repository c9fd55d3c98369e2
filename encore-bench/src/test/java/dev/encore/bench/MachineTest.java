package dev.encore.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineTest {
  @TempDir
  Path caches;

  @Test
  void cacheSizesReadAsSysfsWritesThem() {
    assertThat(Machine.parseCacheSize("107520K\n")).isEqualTo(107520L * 1024);
    assertThat(Machine.parseCacheSize("32M")).isEqualTo(32L << 20);
    assertThat(Machine.parseCacheSize("4096")).isEqualTo(4096);
  }

  @Test
  void aCacheSizeThatIsNoNumberIsRefused() {
    assertThatThrownBy(() -> Machine.parseCacheSize("lots"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'lots'");
  }

  @Test
  void theLevelThreeEntryGivesTheL3Size() throws Exception {
    cache("index0", 1, "48K");
    cache("index2", 2, "2048K");
    cache("index3", 3, "107520K");

    assertThat(Machine.l3CacheBytes(caches)).isEqualTo(107520L * 1024);
  }

  @Test
  void noLevelThreeCacheIsUnknown() throws Exception {
    cache("index0", 1, "48K");

    assertThat(Machine.l3CacheBytes(caches)).isEqualTo(-1);
    assertThat(Machine.l3CacheBytes(caches.resolve("absent"))).isEqualTo(-1);
  }

  private void cache(String index, int level, String size) throws Exception {
    Path folder = Files.createDirectories(caches.resolve(index));
    Files.writeString(folder.resolve("level"), level + "\n");
    Files.writeString(folder.resolve("size"), size + "\n");
  }
}
