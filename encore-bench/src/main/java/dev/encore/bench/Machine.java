package dev.encore.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine a run was made on, as the report states it: cores the JVM may use, the CPU model,
 * total memory and the L3 cache size from {@code /proc} and {@code /sys} (empty or -1 off Linux),
 * the JDK and the OS.
 *
 * @param l3CacheBytes cpu0's level-3 cache, -1 when the system does not say
 */
public record Machine(int cores, String cpuModel, long memoryBytes, long l3CacheBytes, String java, String os) {
  private static final Path CPU0_CACHES = Path.of("/sys/devices/system/cpu/cpu0/cache");

  public static Machine current() {
    return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(),
        totalMemoryBytes(), l3CacheBytes(CPU0_CACHES),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"));
  }

  /** One line for a report's head: cores, CPU, L3 and Java. */
  public String summary() {
    return String.format(Locale.ROOT, "%d cores, %s, L3 %.0f MiB, %s", cores, cpuModel,
        l3CacheBytes / (1024.0 * 1024.0), java);
  }

  private static String readCpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    try {
      if (Files.isReadable(cpuinfo)) {
        for (String line : Files.readAllLines(cpuinfo)) {
          if (line.startsWith("model name")) {
            return line.substring(line.indexOf(':') + 1).trim();
          }
        }
      }
    } catch (IOException e) {
      return "";
    }
    return "";
  }

  /** Total physical memory from {@code /proc/meminfo}. */
  private static long totalMemoryBytes() {
    Path meminfo = Path.of("/proc/meminfo");
    try {
      return Files.isReadable(meminfo) ? ProcessMemory.parseKilobytes(Files.readAllLines(meminfo), "MemTotal:") : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /** The size of the level-3 cache among {@code caches}' {@code index*} folders (sysfs layout), or -1. */
  static long l3CacheBytes(Path caches) {
    if (!Files.isDirectory(caches)) {
      return -1;
    }
    try (DirectoryStream<Path> indices = Files.newDirectoryStream(caches, "index*")) {
      for (Path index : indices) {
        Path level = index.resolve("level");
        Path size = index.resolve("size");
        if (Files.isReadable(level) && Files.readString(level).trim().equals("3") && Files.isReadable(size)) {
          return parseCacheSize(Files.readString(size));
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      return -1;
    }
    return -1;
  }

  /** sysfs's cache size, e.g. {@code 107520K}, {@code 32M} or plain bytes, in bytes. */
  static long parseCacheSize(String text) {
    String size = text.trim().toUpperCase(Locale.ROOT);
    if (size.isEmpty()) {
      throw new IllegalArgumentException("empty cache size");
    }
    char unit = size.charAt(size.length() - 1);
    int shift = switch (unit) {
      case 'K' -> 10;
      case 'M' -> 20;
      case 'G' -> 30;
      default -> 0;
    };
    String digits = shift == 0 ? size : size.substring(0, size.length() - 1);
    try {
      return Long.parseLong(digits) << shift;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cache size '" + text.trim() + "' is not a number with K, M or G", e);
    }
  }
}
