package dev.encore.store;

/**
 * The one rule for listener and track IDs (and source labels): present, not blank, valid Unicode
 * (no lone surrogate, which a database stores as '?' and so merges distinct IDs into one) and no
 * control characters (which no URL or log line shows faithfully). Their length is a setting
 * ({@link StoreLimits#maxIdLength()}).
 */
final class Ids {
  private Ids() {}

  static String require(String id, String what) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < id.length() && Character.isLowSurrogate(id.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(what + " has a lone UTF-16 surrogate at position " + i
            + ": it is not valid Unicode");
      } else if (Character.isISOControl(c)) {
        throw new IllegalArgumentException(what + " has the control character U+" + String.format("%04X", (int) c)
            + " at position " + i + ": IDs may not contain control characters");
      }
    }
    return id;
  }
}
