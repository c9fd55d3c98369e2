package dev.encore.server;

import dev.encore.data.Csr;
import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One generation of the live model: an immutable {@link ServingSnapshot} plus the listeners
 * folded in against it since it was installed. A request takes one view and answers entirely
 * from it, so a swap in the middle of a request cannot mix two models.
 */
public final class ServingView {
  private final ServingSnapshot snapshot;
  private final ConcurrentMap<String, FoldedListener> folded = new ConcurrentHashMap<>();

  ServingView(ServingSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  public ServingSnapshot snapshot() {
    return snapshot;
  }

  /** The listener's folded-in state in this generation, or null. */
  FoldedListener folded(String userId) {
    return folded.get(userId);
  }

  void putFolded(FoldedListener listener) {
    folded.put(listener.userId(), listener);
  }

  Collection<FoldedListener> foldedListeners() {
    return folded.values();
  }

  public int foldedCount() {
    return folded.size();
  }

  /** Whether this generation has plays of the listener: in the training data or folded in since. */
  public boolean knowsListener(String userId) {
    return folded.containsKey(userId) || snapshot.listeners().contains(userId);
  }

  /** Dense indices (in the snapshot's track index) of the tracks the listener has played. */
  int[] playedTracks(String userId) {
    FoldedListener listener = folded.get(userId);
    if (listener != null) {
      return listener.playedTracks();
    }
    int user = snapshot.listeners().find(userId);
    if (user < 0) {
      return new int[0];
    }
    Csr played = snapshot.plays().userItems();
    return Arrays.copyOfRange(played.indices(), played.rowStart(user), played.rowEnd(user));
  }
}
