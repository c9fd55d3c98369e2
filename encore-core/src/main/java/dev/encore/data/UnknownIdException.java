package dev.encore.data;

import java.util.NoSuchElementException;

/** An external ID that the model or dataset has never seen. */
public final class UnknownIdException extends NoSuchElementException {
  private final String kind;
  private final String id;

  public UnknownIdException(String kind, String id) {
    super("unknown " + kind + " id '" + id + "'");
    this.kind = kind;
    this.id = id;
  }

  public String kind() {
    return kind;
  }

  public String id() {
    return id;
  }
}
