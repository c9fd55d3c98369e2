package dev.encore.server;

import dev.encore.content.FeatureTable;
import dev.encore.data.IdIndex;
import dev.encore.model.FactorModel;
import dev.encore.store.PlayEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

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
  /**
   * Listeners and tracks deleted, and when: a snapshot whose plays were read before a deletion
   * (a training that was running) still holds them, so they are taken out of it before it serves.
   */
  private final Map<String, Instant> listenersDeleted = new ConcurrentHashMap<>();
  private final Map<String, Instant> tracksDeleted = new ConcurrentHashMap<>();
  private final Supplier<FeatureTable> catalogue;

  /** {@code catalogue}: the store's track catalogue as it is now, read when a track is deleted. */
  LiveModel(ServingSnapshot initial, ListenerHistory history, Supplier<FeatureTable> catalogue, Clock clock) {
    this.current = new AtomicReference<>(new ServingView(Objects.requireNonNull(initial)));
    this.history = Objects.requireNonNull(history);
    this.catalogue = Objects.requireNonNull(catalogue);
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
  public synchronized void install(ServingSnapshot next) {
    ServingSnapshot cleaned = withoutDeletedSince(next);
    ServingView previous = current.getAndSet(new ServingView(cleaned));
    for (FoldedListener listener : previous.foldedListeners()) {
      if (!listener.foldedAt().isBefore(cleaned.dataReadAt()) && !listenersDeleted.containsKey(listener.userId())) {
        foldIn(listener.userId());
      }
    }
  }

  /**
   * Takes a deleted listener out of the serving model at once: their row of the model, their
   * folded vector, their share of popularity and taste profiles. Call it after their plays are
   * deleted from the store.
   */
  public synchronized void forgetListener(String userId) {
    listenersDeleted.put(userId, clock.instant());
    synchronized (foldLocks[Math.floorMod(userId.hashCode(), LOCK_STRIPES)]) {
      ServingView previous = current.get();
      ServingView next = new ServingView(previous.snapshot().withoutListener(userId));
      // Listener removal leaves every track index as it was, so the others' fold-ins stay valid.
      previous.foldedListeners().stream().filter(listener -> !listener.userId().equals(userId))
          .forEach(next::putFolded);
      current.set(next);
    }
  }

  /**
   * Takes a deleted track out of every answer at once: the model, the plays, popularity, the
   * catalogue's content; the folded listeners are folded in again over the new track indices.
   * Call it after the track is deleted from the store.
   */
  public synchronized void forgetTrack(String trackId) {
    tracksDeleted.put(trackId, clock.instant());
    ServingView previous = current.getAndSet(new ServingView(current.get().snapshot().withoutTrack(trackId,
        catalogue.get())));
    for (FoldedListener listener : previous.foldedListeners()) {
      foldIn(listener.userId());
    }
  }

  /** {@code next} without what was deleted after its plays were read; the older deletions are forgotten. */
  private ServingSnapshot withoutDeletedSince(ServingSnapshot next) {
    ServingSnapshot cleaned = next;
    for (Map.Entry<String, Instant> deleted : List.copyOf(listenersDeleted.entrySet())) {
      if (deleted.getValue().isBefore(next.dataReadAt())) {
        listenersDeleted.remove(deleted.getKey(), deleted.getValue());
      } else {
        cleaned = cleaned.withoutListener(deleted.getKey());
      }
    }
    for (Map.Entry<String, Instant> deleted : List.copyOf(tracksDeleted.entrySet())) {
      if (deleted.getValue().isBefore(next.dataReadAt())) {
        tracksDeleted.remove(deleted.getKey(), deleted.getValue());
      } else if (cleaned.tracks().contains(deleted.getKey())) {
        cleaned = cleaned.withoutTrack(deleted.getKey(), catalogue.get());
      }
    }
    return cleaned;
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
