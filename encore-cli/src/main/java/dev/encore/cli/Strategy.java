package dev.encore.cli;

import java.util.Locale;

/** Which recommender {@code encore recommend} asks, and what it needs besides the model. */
enum Strategy {
  ALS, CONTENT, POPULAR, HYBRID;

  static Strategy parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--strategy '" + name + "' is not one of als, content, popular, hybrid");
    }
  }

  /** Content and hybrid rank by sound, so they need the tracks' features. */
  boolean needsFeatures() {
    return this == CONTENT || this == HYBRID;
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
