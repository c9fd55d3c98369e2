package dev.encore.eval;

import dev.encore.data.IdIndex;

/** The one place that words a bad split or evaluation argument, so the messages agree. */
final class Arguments {
  private Arguments() {}

  static double requireFraction(String name, double value) {
    if (!(value > 0 && value < 1)) {
      throw new IllegalArgumentException(
          name + " " + value + " must be strictly between 0 and 1");
    }
    return value;
  }

  static int requireAtLeastOne(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " " + value + " must be >= 1");
    }
    return value;
  }

  /** Two sides must use the same ID mapping, or their dense indices mean different things. */
  static void requireSameIds(String name, IdIndex ids, String otherName, IdIndex otherIds) {
    if (ids != otherIds && !ids.equals(otherIds)) {
      throw new IllegalArgumentException(name + " and " + otherName + " " + ids.kind()
          + "s differ (" + ids.size() + " vs " + otherIds.size() + " ids): dense indices must"
          + " agree; split one Interactions with a Splitter, or build both with shared"
          + " IdIndex.Builders");
    }
  }
}
