package dev.encore.synth;

/**
 * Synthetic external IDs: a prefix and the index zero-padded to the width of the count, so
 * 2,000,000 listeners are {@code u0000000 .. u1999999} and IDs sort like their indices.
 */
record PaddedId(char prefix, int width, int count) {

  static PaddedId forCount(char prefix, int count) {
    return new PaddedId(prefix, Integer.toString(count).length(), count);
  }

  String format(int index) {
    return appendTo(new StringBuilder(width + 1), index).toString();
  }

  StringBuilder appendTo(StringBuilder out, int index) {
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException(prefix + " index " + index + " is outside 0.." + (count - 1));
    }
    out.append(prefix);
    String digits = Integer.toString(index);
    for (int pad = digits.length(); pad < width; pad++) {
      out.append('0');
    }
    return out.append(digits);
  }
}
