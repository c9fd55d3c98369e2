package dev.encore.server;

import dev.encore.index.IndexPolicy;
import dev.encore.model.FactorModel;
import dev.encore.store.EncoreStore;
import dev.encore.store.ModelConflictException;
import dev.encore.store.ModelRecord;
import dev.encore.store.Promotion;
import dev.encore.store.ServingState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that changes which version the server serves once it runs, keeping the
 * {@link LiveModel} and the models table's serving row in step: a new ready version goes live
 * when its promotion decision says so; an operator promotes (or rolls back to), pins, unpins or
 * deletes a version. Changes are taken one at a time, so a training that finishes while an
 * operator promotes another version cannot leave the server serving one version while the table
 * records another.
 */
final class ModelLifecycle implements Promoter {
  private static final Logger LOG = LoggerFactory.getLogger(ModelLifecycle.class);
  /**
   * When the plays of a version served again were read, for fold-in: unknown (which listeners'
   * plays it was trained on is not kept), so every listener folded in so far is folded in again.
   */
  private static final Instant PLAYS_READ_AT_UNKNOWN_TIME = Instant.MIN;

  private final EncoreStore store;
  private final LiveModel live;
  private final ModelRetention retention;
  private final IndexPolicy indexPolicy;
  private final Object changes = new Object();

  ModelLifecycle(EncoreStore store, LiveModel live, ModelRetention retention, IndexPolicy indexPolicy) {
    this.indexPolicy = indexPolicy;
    this.store = store;
    this.live = live;
    this.retention = retention;
  }

  @Override
  public Promotion offer(ModelRecord ready, ServingSnapshot prepared) {
    Promotion decision = Promotion.fromJson(ready.promotionJson()).orElseThrow(() -> new IllegalStateException(
        "model version " + ready.version() + " was marked ready without a promotion decision"));
    synchronized (changes) {
      // An operator's promote or pin since the decision wins: serve only what the table says serves.
      if (decision.promoted() && store.models().serving().isServing(ready.version())) {
        live.install(prepared);
      }
      applyRetention();
    }
    LOG.info("model version {}: {}", ready.version(), decision.reason());
    return decision;
  }

  /** Serves {@code version} from now on: the way to roll back to an older one. */
  ModelRecord promote(long version) {
    return changeServing(version, false);
  }

  /** Serves {@code version} and turns automatic promotion off until {@link #unpin}. */
  ModelRecord pin(long version) {
    return changeServing(version, true);
  }

  /** Turns automatic promotion back on; returns the version that was pinned, if one was. */
  Optional<Long> unpin() {
    synchronized (changes) {
      return store.models().unpin();
    }
  }

  /** Deletes a version that is not serving, and its model file. */
  Deleted delete(long version) {
    synchronized (changes) {
      ModelRecord deleted = guarded(version, () -> store.models().delete(version));
      boolean fileDeleted = deleted.fileRemovedAt() == null && ModelRetention.deleteFile(deleted);
      LOG.info("deleted model version {} ({}{})", version, deleted.status(), fileDeleted ? " and its file" : "");
      return new Deleted(version, true, deleted.status(), fileDeleted);
    }
  }

  /** The answer to a delete. */
  record Deleted(long version, boolean deleted, String status, boolean fileDeleted) {}

  private ModelRecord changeServing(long version, boolean pin) {
    synchronized (changes) {
      ModelRecord record = guarded(version, () -> store.models().servable(version, pin));
      // Loaded before the table changes, so a file that does not load changes nothing.
      ServingSnapshot next = live.snapshot().modelVersion() == version ? null : load(record);
      ModelRecord changed = guarded(version, () -> pin ? store.models().pin(version) : store.models().promote(version));
      if (next != null) {
        live.install(next);
      }
      LOG.info("model version {} {} by request", version, pin ? "pinned" : "promoted");
      return changed;
    }
  }

  private ServingSnapshot load(ModelRecord record) {
    FactorModel model;
    try {
      model = ServedModelFile.load(Path.of(record.file()), indexPolicy);
    } catch (Exception | Error e) {
      throw new ApiException(409, "model_unloadable", "Model version " + record.version() + "'s file " + record.file()
          + " cannot be loaded (" + (e.getMessage() == null ? e.toString() : e.getMessage()) + "), so it cannot be"
          + " served; the serving model is unchanged. Delete the version with DELETE /v1/models/" + record.version()
          + ".");
    }
    return ServingSnapshot.ofModel(record.version(), model, store.tracks().features(), record.servingBlend(),
        PLAYS_READ_AT_UNKNOWN_TIME);
  }

  private void applyRetention() {
    try {
      retention.apply();
    } catch (RuntimeException e) {
      LOG.warn("retention could not remove old model files; it will try again after the next version", e);
    }
  }

  /** The store's refusals as answers: 404 for an unknown version, 409 naming the rule for a conflict. */
  private static <T> T guarded(long version, Supplier<T> change) {
    try {
      return change.get();
    } catch (NoSuchElementException e) {
      throw ApiException.unknownModel(version);
    } catch (ModelConflictException e) {
      String message = e.getMessage();
      throw new ApiException(409, e.code(), Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".");
    }
  }

  /**
   * What to serve at start-up: the serving (or pinned) version recorded in the models table. If
   * its file does not load, the version that served before it most recently and loads is served
   * and recorded as serving (a pin is dropped, saying so); if none does, nothing is recorded as
   * serving, so the next ready version goes live.
   */
  static Optional<ServingSnapshot> servedAtStart(EncoreStore store, IndexPolicy indexPolicy) {
    ServingState state = store.models().serving();
    Comparator<ModelRecord> servingFirst = Comparator.comparing((ModelRecord record) -> !state.isServing(record.version()))
        .thenComparing(ModelRecord::promotedAt, Comparator.nullsLast(Comparator.reverseOrder()));
    var candidates = store.models().list().stream()
        .filter(ModelRecord::isServable)
        .filter(record -> state.isServing(record.version()) || record.promotedAt() != null)
        .sorted(servingFirst)
        .toList();
    for (ModelRecord record : candidates) {
      ServingSnapshot snapshot;
      try {
        // Any Throwable: a file that loads into an OutOfMemoryError must not stop every start.
        FactorModel model = ServedModelFile.load(Path.of(record.file()), indexPolicy);
        snapshot = ServingSnapshot.ofModel(record.version(), model, store.tracks().features(), record.servingBlend(),
            record.createdAt());
      } catch (Exception | Error e) {
        String why = "cannot be loaded from " + record.file() + ": " + (e.getMessage() == null ? e : e.getMessage());
        LOG.warn("model version {} {}; marked failed, trying the one that served before it", record.version(), why);
        store.models().markUnloadable(record.version(), "model file " + why);
        continue;
      }
      if (!state.isServing(record.version())) {
        LOG.warn("serving model version {} instead of version {}{}", record.version(), state.servingVersion(),
            state.pinned() ? ", which was pinned: the pin is dropped" : "");
        store.models().unpin();
        store.models().promote(record.version());
      }
      LOG.info("serving model version {} from {}", record.version(), record.file());
      return Optional.of(snapshot);
    }
    if (state.serving().isPresent()) {
      LOG.warn("no model version that served loads: serving popularity until the next version is ready");
      store.models().clearServing();
    }
    return Optional.empty();
  }
}
