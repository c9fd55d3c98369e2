package dev.encore.bench;

import java.nio.file.Path;

/**
 * A peer outside the JVM (implicit) could not run: which step failed and the log that says why.
 * The driver reports it and goes on with the other systems.
 */
final class PeerUnavailableException extends Exception {
  private final String step;
  private final Path log;

  PeerUnavailableException(String step, String detail, Path log) {
    super(step + " failed: " + detail + (log != null ? "; see " + log : ""));
    this.step = step;
    this.log = log;
  }

  String step() {
    return step;
  }

  /** The log to read, or null when the step wrote none. */
  Path log() {
    return log;
  }
}
