package dev.encore.store;

/** A play names a track the catalogue does not hold; nothing of its batch was written. */
public final class UnknownTrackException extends RuntimeException {
  private final String trackId;

  public UnknownTrackException(String trackId) {
    super("unknown track '" + trackId + "': add it to the catalogue first; no play of the batch was stored");
    this.trackId = trackId;
  }

  public String trackId() {
    return trackId;
  }
}
