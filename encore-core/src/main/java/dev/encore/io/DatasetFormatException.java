package dev.encore.io;

/**
 * A row of a dataset file that breaks the file's format. The message reads
 * {@code FILE:LINE: field 'NAME' ('VALUE') RULE}, for example
 * {@code u.data:17: field 'value' ('abc') is not a number}, so the user can open the file at
 * the line and fix it. Line numbers are 1-based and count the header line.
 */
public final class DatasetFormatException extends RuntimeException {
  private final String source;
  private final long line;
  private final String field;
  private final String rule;

  /** {@code field} and {@code value} may be null when the fault is the whole line. */
  public DatasetFormatException(String source, long line, String field, String value, String rule) {
    super(source + ":" + line + ": " + (field == null ? "" : "field '" + field + "' ")
        + (value == null ? "" : "('" + value + "') ") + rule);
    this.source = source;
    this.line = line;
    this.field = field;
    this.rule = rule;
  }

  /** The file (or other source) the row came from. */
  public String source() {
    return source;
  }

  /** The 1-based line number of the row, header included. */
  public long line() {
    return line;
  }

  /** The name of the field that broke the rule, e.g. "value"; null when the whole line did. */
  public String field() {
    return field;
  }

  /** The rule the field broke, e.g. "is not a number". */
  public String rule() {
    return rule;
  }
}
