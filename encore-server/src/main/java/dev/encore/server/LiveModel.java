package dev.encore.server;

import dev.encore.data.IdIndex;
import dev.encore.model.FactorModel;
import dev.encore.store.PlayEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model the server answers from, kept fresh without stopping: a {@link ServingView} in an
 * {@link AtomicReference}. New plays fold their listener in at once (the exact user half-step,
 * {@link FactorModel#foldIn}), so the next request reflects them; a retrained model replaces the
 * whole view in one atomic swap, after which the listeners whose plays arrived while it trained
 * are folded in again against it.
 *
 * <p>Fold-in reads the listener's stored plays (the database is the truth, so two concurrent
 * posts for one listener cannot lose each other's plays): the plays of tracks the model knows
 * are summed per track, as training aggregates them; plays of tracks it does not know yet are
 * ignored until the next retrain and counted.
 */
public final class LiveModel {
  private static final int LOCK_STRIPES = 64;

  private final AtomicReference<ServingView> current;
  private final ListenerHistory history;
  private final Clock clock;
  private final Object[] foldLocks = new Object[LOCK_STRIPES];

  LiveModel(ServingSnapshot initial, ListenerHistory history, Clock clock) {
    this.current = new AtomicReference<>(new ServingView(Objects.requireNonNull(initial)));
    this.history = Objects.requireNonNull(history);
    this.clock = Objects.requireNonNull(clock);
    for (int i = 0; i < LOCK_STRIPES; i++) {
      foldLocks[i] = new Object();
    }
  }

  /** The current generation; take it once per request. */
  public ServingView view() {
    return current.get();
  }

  public ServingSnapshot snapshot() {
    return current.get().snapshot();
  }

  /**
   * Serves {@code next} from now on. Listeners folded in at or after the time {@code next}'s plays
   * were read may have plays it lacks, so they are folded in again against it.
   */
  public void install(ServingSnapshot next) {
    ServingView previous = current.getAndSet(new ServingView(next));
    for (FoldedListener listener : previous.foldedListeners()) {
      if (!listener.foldedAt().isBefore(next.dataReadAt())) {
        foldIn(listener.userId());
      }
    }
  }

  /**
   * Folds the listener in from their stored plays against the current generation and returns the
   * result. Call it after their new plays are committed.
   */
  public FoldedListener foldIn(String userId) {
    while (true) {
      ServingView view = current.get();
      FoldedListener listener;
      // Reading the plays and publishing the result under one lock per listener means the last
      // to publish also read last, so it saw every play committed before it.
      synchronized (foldLocks[Math.floorMod(userId.hashCode(), LOCK_STRIPES)]) {
        listener = fold(view.snapshot(), userId);
        view.putFolded(listener);
      }
      // A swap between reading the view and publishing would drop the listener; fold again.
      if (current.get() == view) {
        return listener;
      }
    }
  }

  private FoldedListener fold(ServingSnapshot snapshot, String userId) {
    IdIndex tracks = snapshot.tracks();
    Map<String, Float> knownPlays = new HashMap<>();
    Set<String> unknown = new HashSet<>();
    for (PlayEvent play : history.playsOf(userId)) {
      if (tracks.contains(play.trackId())) {
        knownPlays.merge(play.trackId(), (float) play.playCount(), Float::sum);
      } else {
        unknown.add(play.trackId());
      }
    }
    List<Integer> indices = new ArrayList<>(knownPlays.size());
    for (String trackId : knownPlays.keySet()) {
      indices.add(tracks.indexOf(trackId));
    }
    int[] played = indices.stream().mapToInt(Integer::intValue).sorted().toArray();
    float[] vector = snapshot.hasModel() && !knownPlays.isEmpty() ? snapshot.model().foldIn(knownPlays) : null;
    return new FoldedListener(userId, vector, Map.copyOf(knownPlays), played, unknown.size(), clock.instant());
  }
}
