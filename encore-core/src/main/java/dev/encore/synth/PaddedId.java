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

  /** The index {@code id} was formatted from; an ID this scheme did not make is refused. */
  int parse(String id) {
    boolean shaped = id.length() == width + 1 && id.charAt(0) == prefix && id.chars().skip(1).allMatch(Character::isDigit);
    int index = shaped ? Integer.parseInt(id, 1, id.length(), 10) : -1;
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException("'" + id + "' is not one of the IDs " + format(0) + " to " + format(count - 1));
    }
    return index;
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
