package dev.encore.io;

/**
 * Which rows a reader keeps by value, and what it stores: rows below {@code minimum} are left
 * out (not bad, just not wanted, like ratings under 4 stars), and {@code binary} stores each kept
 * row as one play instead of its value.
 */
record ValueRule(float minimum, boolean binary) {
  static final ValueRule KEEP_ALL = new ValueRule(0f, false);

  boolean keeps(float value) {
    return value >= minimum;
  }

  float stored(float value) {
    return binary ? 1f : value;
  }
}
