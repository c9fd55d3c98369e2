package dev.encore.store;

import java.util.Optional;

/**
 * The one row of {@code model_serving}: the version the server serves and whether an operator
 * pinned it (served until unpinned, with automatic promotion off).
 *
 * @param servingVersion null while no version has gone live
 * @param generation bumped by every change, so a change can tell that nothing moved under it
 */
public record ServingState(Long servingVersion, boolean pinned, long generation) {
  public Optional<Long> serving() {
    return Optional.ofNullable(servingVersion);
  }

  public boolean isServing(long version) {
    return servingVersion != null && servingVersion == version;
  }

  /** The pinned version, if one is. */
  public Optional<Long> pinnedVersion() {
    return pinned ? serving() : Optional.empty();
  }
}
