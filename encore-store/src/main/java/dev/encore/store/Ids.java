package dev.encore.store;

/** The one rule for listener and track IDs: present and not blank. */
final class Ids {
  private Ids() {}

  static String require(String id, String what) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    return id;
  }
}
