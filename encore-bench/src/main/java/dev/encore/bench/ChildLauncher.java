package dev.encore.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one system in a fresh JVM, so its peak heap and resident memory are its own: the same
 * {@code java} binary and classpath as the driver, the system's JVM flags and the heap size
 * asked for. The request and the figures travel as JSON files in the work folder; the child's
 * output is relayed to the driver's stderr, keeping the driver's stdout for the report.
 */
final class ChildLauncher {
  private final String heap;
  private final PrintStream log;

  ChildLauncher(String heap, PrintStream log) {
    this.heap = heap;
    this.log = log;
  }

  ChildFigures run(ChildRequest request) throws IOException, InterruptedException {
    Files.createDirectories(request.workFolder());
    String name = request.system().label();
    Path requestFile = request.workFolder().resolve(name + "-request.json");
    Path figuresFile = request.workFolder().resolve(name + "-figures.json");
    Files.deleteIfExists(figuresFile);
    BenchJson.write(request, requestFile);
    Process child = new ProcessBuilder(command(request.system(), requestFile, figuresFile))
        .redirectErrorStream(true)
        .start();
    relay(child, name);
    int exit = child.waitFor();
    if (exit != 0 || !Files.isRegularFile(figuresFile)) {
      throw new IllegalStateException("the " + name + " child JVM failed (exit code " + exit
          + "); its output is above, its request in " + requestFile);
    }
    return BenchJson.read(figuresFile, ChildFigures.class);
  }

  List<String> command(BenchedSystem system, Path requestFile, Path figuresFile) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.add("-Xmx" + heap);
    command.addAll(inheritedFlags());
    command.addAll(system.jvmFlags());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BenchChild.class.getName());
    command.add(requestFile.toString());
    command.add(figuresFile.toString());
    return command;
  }

  /**
   * The driver's machine-level JVM flags (bin/jvm-flags.sh: transparent huge pages where the
   * kernel offers them), so every system's JVM runs as the driver was started.
   */
  static List<String> inheritedFlags() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(flag -> flag.equals("-XX:+UseTransparentHugePages") || flag.equals("-XX:-UseTransparentHugePages"))
        .toList();
  }

  /** The driver's own java binary, so children run on the same JDK. */
  static String javaBinary() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private void relay(Process child, String name) throws IOException {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        log.println(line.startsWith("[") ? line : "[" + name + "] " + line);
      }
    }
  }
}
