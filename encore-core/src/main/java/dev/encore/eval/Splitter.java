package dev.encore.eval;

import dev.encore.data.Interactions;

/**
 * A way to hold out part of the interactions for testing. Every (user, item) entry lands on
 * exactly one side with its value and timestamp, and both sides keep the input's {@code IdIndex}
 * objects. Implementations are deterministic: the same input and parameters give the same split.
 */
public interface Splitter {

  Split split(Interactions interactions);
}
