package dev.encore.io;

import java.util.List;
import java.util.Objects;

/**
 * Where a field sits in a delimited row: by 0-based index, or by its name in the header line.
 * Exactly one of the two is set.
 */
public record Column(String name, int index) {

  public Column {
    if ((name == null) == (index < 0)) {
      throw new IllegalArgumentException("a column has either a name or an index >= 0, not both or neither");
    }
  }

  /** The column at a 0-based index. */
  public static Column at(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("column index " + index + " must be >= 0");
    }
    return new Column(null, index);
  }

  /** The column whose header reads {@code name} (exactly, after trimming). */
  public static Column named(String name) {
    Objects.requireNonNull(name, "column name");
    return new Column(name, -1);
  }

  public boolean isNamed() {
    return name != null;
  }

  /**
   * The 0-based index of this column in rows under {@code header}; -1 when it is named and the
   * header lacks the name.
   */
  int resolve(List<String> header) {
    return isNamed() ? header.indexOf(name) : index;
  }

  @Override
  public String toString() {
    return isNamed() ? "'" + name + "'" : "#" + index;
  }
}
