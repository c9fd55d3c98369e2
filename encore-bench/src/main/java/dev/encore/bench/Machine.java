package dev.encore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a run was made on, as the report states it: cores the JVM may use, the CPU model
 * and total memory from {@code /proc} (empty or -1 off Linux), the JDK and the OS.
 */
public record Machine(int cores, String cpuModel, long memoryBytes, String java, String os) {

  public static Machine current() {
    return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(),
        totalMemoryBytes(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"));
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
}
