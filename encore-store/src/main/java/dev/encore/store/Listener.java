package dev.encore.store;

import java.time.Instant;
import java.util.Objects;

/** A listener the store knows, and when it first heard of them. */
public record Listener(String id, Instant createdAt) {
  public Listener {
    Ids.require(id, "listener id");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
