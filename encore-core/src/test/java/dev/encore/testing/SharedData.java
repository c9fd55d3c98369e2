package dev.encore.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared public datasets (MovieLens 100K, Last.fm 2K, GTZAN, the ready splits) for
 * tests: the folder named by system property {@code encore.sharedData} (surefire sets it), else
 * {@code ../shared/data} beside the repository root. The data is third-party and never
 * committed, so a test that needs it is skipped, not failed, where it is absent.
 */
public final class SharedData {
  public static final String PROPERTY = "encore.sharedData";

  private SharedData() {
  }

  /**
   * The path of {@code relative} (a file or folder) under the shared data folder; skips the
   * calling test, saying what is missing, when it is not there.
   */
  public static Path require(String relative) {
    Path root = root();
    Path path = root.resolve(relative);
    assumeTrue(Files.exists(path), () -> "shared data '" + relative + "' not found under " + root.toAbsolutePath()
        + "; set -D" + PROPERTY + "=<folder> to run the real-data tests");
    return path;
  }

  /** The shared data folder, whether or not it exists. */
  public static Path root() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank() && Files.isDirectory(Path.of(configured))) {
      return Path.of(configured);
    }
    return repositoryRoot().resolve("../shared/data").normalize();
  }

  /** Tests run in the module folder; the repository root is the nearest folder holding mvnw. */
  private static Path repositoryRoot() {
    Path here = Path.of("").toAbsolutePath();
    for (Path folder = here; folder != null; folder = folder.getParent()) {
      if (Files.exists(folder.resolve("mvnw"))) {
        return folder;
      }
    }
    return here;
  }
}
