package dev.encore.server;

import dev.encore.store.PlayEvent;
import java.util.List;

/** Where the live model reads a listener's stored plays when folding them in. */
@FunctionalInterface
interface ListenerHistory {
  /** The listener's stored play events, newest first (at most a bounded number of them). */
  List<PlayEvent> playsOf(String userId);
}
