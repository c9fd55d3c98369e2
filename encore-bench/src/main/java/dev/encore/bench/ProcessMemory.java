package dev.encore.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * This JVM's memory as the operating system and the garbage collector see it. Linux reports the
 * peak resident set (VmHWM) and the current one (VmRSS) in {@code /proc/self/status}; on other
 * systems those figures are -1.
 */
public final class ProcessMemory {
  private static final Path STATUS = Path.of("/proc/self/status");

  private ProcessMemory() {}

  /** The most memory this process has had resident since it started, in bytes. */
  public static long peakResidentBytes() {
    return statusBytes("VmHWM:");
  }

  /** The memory resident now, in bytes. */
  public static long residentBytes() {
    return statusBytes("VmRSS:");
  }

  /**
   * The sum over heap pools of each pool's peak use. The pools peak at different moments, so
   * this can exceed the heap's true simultaneous peak by up to a young generation; it never
   * understates it.
   */
  public static long peakHeapBytes() {
    long total = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        total += pool.getPeakUsage().getUsed();
      }
    }
    return total;
  }

  /** A {@code /proc/self/status} field given in kB, as bytes; -1 where there is no such file. */
  static long statusBytes(String field) {
    if (!Files.isReadable(STATUS)) {
      return -1;
    }
    try {
      return parseKilobytes(Files.readAllLines(STATUS), field);
    } catch (IOException e) {
      return -1;
    }
  }

  static long parseKilobytes(List<String> statusLines, String field) {
    for (String line : statusLines) {
      if (line.startsWith(field)) {
        String[] parts = line.substring(field.length()).trim().split("\\s+");
        return Long.parseLong(parts[0]) * 1024;
      }
    }
    return -1;
  }
}
