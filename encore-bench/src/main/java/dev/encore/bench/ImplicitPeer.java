package dev.encore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The implicit peer's folder (../shared/peers/implicit: the library's source, build.sh, run.sh
 * and the driver bench_implicit.py) and the checks that it can run here, each a separate step so
 * a skipped run says which one failed: the folder, python3 with numpy and scipy, the build.
 *
 * @param folder the peer folder
 */
record ImplicitPeer(Path folder) {
  /** Overrides where the peer folder is. */
  static final String FOLDER_PROPERTY = "encore.bench.implicit";
  /** The repository root, set by bin/encore-bench; the working directory otherwise. */
  static final String REPO_PROPERTY = "encore.repo";
  static final List<String> FILES = List.of("run.sh", "build.sh", "bench_implicit.py");

  /** The folder from {@code -Dencore.bench.implicit}, else {@code ../shared/peers/implicit} beside the repository. */
  static Path defaultFolder() {
    String configured = System.getProperty(FOLDER_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    Path root = Path.of(System.getProperty(REPO_PROPERTY, System.getProperty("user.dir")));
    return root.resolve("../shared/peers/implicit").toAbsolutePath().normalize();
  }

  Path runScript() {
    return folder.resolve("run.sh");
  }

  /** Runs every check in order; the first failure is thrown with its log, which lies in {@code logFolder}. */
  void ensureRunnable(Path logFolder) throws PeerUnavailableException, IOException {
    for (String file : FILES) {
      if (!Files.isRegularFile(folder.resolve(file))) {
        throw new PeerUnavailableException("finding the peer folder", folder.resolve(file) + " is missing (set "
            + "--implicit-peer or -D" + FOLDER_PROPERTY + " to implicit's peer folder)", null);
      }
    }
    Path pythonLog = logFolder.resolve("python-check.log");
    runStep("checking python3, numpy and scipy",
        List.of("python3", "-c", "import numpy, scipy; print('numpy', numpy.__version__, 'scipy', scipy.__version__)"),
        pythonLog);
    runStep("building implicit (build.sh)", List.of(folder.resolve("build.sh").toString()),
        logFolder.resolve("build.log"));
  }

  /** Runs one step's command with its output to a log, failing with the step's name when it exits non-zero. */
  static void runStep(String step, List<String> command, Path log) throws PeerUnavailableException, IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    int exit;
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      exit = process.waitFor();
    } catch (IOException e) {
      throw new PeerUnavailableException(step, "could not start " + command.get(0) + " (" + e.getMessage() + ")",
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PeerUnavailableException(step, "interrupted", log);
    }
    if (exit != 0) {
      throw new PeerUnavailableException(step, String.join(" ", command) + " exited with " + exit, log);
    }
  }
}
