package dev.encore.io;

/**
 * One data line split at the delimiter, with the typed field accessors that turn a bad field
 * into a {@link DatasetFormatException} naming the file, line, field and rule. Reused from line
 * to line by {@link DelimitedRows}: read it inside the handler, never keep it.
 */
final class Row {
  private final String source;
  private long line;
  private String[] fields = new String[8];
  private int fieldCount;

  Row(String source) {
    this.source = source;
  }

  void reset(long lineNumber, String text, char delimiter) {
    line = lineNumber;
    fieldCount = 0;
    int start = 0;
    for (int at = text.indexOf(delimiter); at >= 0; at = text.indexOf(delimiter, start)) {
      append(text.substring(start, at));
      start = at + 1;
    }
    append(text.substring(start));
  }

  private void append(String field) {
    if (fieldCount == fields.length) {
      fields = java.util.Arrays.copyOf(fields, fieldCount * 2);
    }
    fields[fieldCount++] = field.strip();
  }

  String source() {
    return source;
  }

  long line() {
    return line;
  }

  int fieldCount() {
    return fieldCount;
  }

  /** The field as written (trimmed), possibly empty. */
  String raw(int column, String field) {
    if (column >= fieldCount) {
      throw bad(field, null, "is missing: the row has " + fieldCount + " field" + (fieldCount == 1 ? "" : "s")
          + " and the field is column " + (column + 1));
    }
    return fields[column];
  }

  /** A non-empty field, such as an ID. */
  String text(int column, String field) {
    String text = raw(column, field);
    if (text.isEmpty()) {
      throw bad(field, null, "is empty");
    }
    return text;
  }

  /** A finite, non-negative decimal number: a play count, rating or weight. */
  float number(int column, String field) {
    float number = signed(column, field);
    if (number < 0) {
      throw bad(field, raw(column, field), "is negative; values must be >= 0");
    }
    return number;
  }

  /**
   * A play count or weight: a finite number above 0 and at most {@link #MAX_PLAY_VALUE}. Zero
   * would be a play that never happened, and the store keeps a count as a 32-bit integer; training
   * from a file and importing it into the database follow this one rule.
   */
  float playValue(int column, String field) {
    float number = number(column, field);
    if (!(number > 0) || number > MAX_PLAY_VALUE) {
      throw bad(field, raw(column, field), "must be above 0 and at most 2147483647 (a play count or weight)");
    }
    return number;
  }

  /** The largest play value: the largest count the store holds. */
  static final float MAX_PLAY_VALUE = Integer.MAX_VALUE;

  /** A finite decimal number of either sign, such as an MFCC. */
  float signed(int column, String field) {
    String text = text(column, field);
    if (!looksDecimal(text)) {
      throw bad(field, text, "is not a number");
    }
    float number;
    try {
      number = Float.parseFloat(text);
    } catch (NumberFormatException e) {
      throw bad(field, text, "is not a number");
    }
    if (!Float.isFinite(number)) {
      throw bad(field, text, "is not a finite number");
    }
    return number;
  }

  /** Like {@link #signed}, but an empty field is a missing value: NaN. */
  float optionalSigned(int column, String field) {
    return raw(column, field).isEmpty() ? Float.NaN : signed(column, field);
  }

  /** A whole number such as a Unix timestamp. */
  long whole(int column, String field) {
    String text = text(column, field);
    long number;
    try {
      number = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw bad(field, text, "is not a whole number");
    }
    if (number == Long.MIN_VALUE) {
      throw bad(field, text, "is out of range");
    }
    return number;
  }

  DatasetFormatException bad(String field, String value, String rule) {
    return new DatasetFormatException(source, line, field, value, rule);
  }

  /**
   * Float.parseFloat also takes "NaN", "Infinity", hex floats and a trailing 'f' or 'd'; a data
   * file with those is more likely broken than meant, so only plain decimals pass.
   */
  private static boolean looksDecimal(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean allowed = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }
}
