package dev.encore.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The models table and which version serves: one row per training run or install of a model
 * trained elsewhere, from {@value ModelRecord#TRAINING} to {@value ModelRecord#READY} (with its
 * file, metrics and promotion decision) or {@value ModelRecord#FAILED} (with the error); and the
 * one {@code model_serving} row saying which ready version is served and whether it is pinned.
 *
 * <p>Every change to what serves runs in one transaction that first bumps the serving row's
 * generation: that takes the row's write lock on PostgreSQL (SQLite writes one transaction at a
 * time anyway), so a promotion decision and an operator's promote, pin or delete never decide on
 * the same stale state.
 */
public final class ModelRepository {
  private static final String COLUMNS = "version, status, settings, metrics, file, created_at, finished_at, error,"
      + " promotion, promoted_at, file_removed_at";

  private final EncoreStore store;
  private final Clock clock;

  ModelRepository(EncoreStore store) {
    this.store = store;
    this.clock = Clock.systemUTC();
  }

  /** Records a run that is starting with these settings; returns its new version number. */
  public long startTraining(String settingsJson) {
    Objects.requireNonNull(settingsJson, "settingsJson");
    return store.withHandle(handle -> handle
        .createQuery("INSERT INTO models (status, settings, created_at) VALUES (?, ?, ?) RETURNING version")
        .bind(0, ModelRecord.TRAINING)
        .bind(1, settingsJson)
        .bind(2, EpochMicros.of(clock.instant()))
        .mapTo(Long.class)
        .one());
  }

  /** Replaces a run's settings while it trains (once it has chosen them itself). */
  public void updateSettings(long version, String settingsJson) {
    Objects.requireNonNull(settingsJson, "settingsJson");
    int updated = store.withHandle(handle -> handle
        .createUpdate("UPDATE models SET settings = ? WHERE version = ? AND status = ?")
        .bind(0, settingsJson)
        .bind(1, version)
        .bind(2, ModelRecord.TRAINING)
        .execute());
    if (updated == 0) {
      throw new IllegalStateException("model version " + version + " is not training; its settings are final");
    }
  }

  /** {@link #markReady(long, String, String, PromotionPolicy)} with the default policy. */
  public ModelRecord markReady(long version, String file, String metricsJson) {
    return markReady(version, file, metricsJson, PromotionPolicy.defaults());
  }

  /**
   * Marks a training run ready, with the model file it wrote and its evaluation, and decides in the
   * same transaction whether it goes live ({@code policy} against the serving version); returns the
   * ready record, its {@link ModelRecord#promotionJson()} saying what was decided and why.
   */
  public ModelRecord markReady(long version, String file, String metricsJson, PromotionPolicy policy) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(policy, "policy");
    return store.inTransaction(handle -> {
      ServingState state = lockServing(handle);
      finish(handle, version, "UPDATE models SET status = ?, file = ?, metrics = ?, finished_at = ?"
          + " WHERE version = ? AND status = ?", ModelRecord.READY, file, metricsJson);
      ModelRecord serving = state.serving().flatMap(served -> find(handle, served)).orElse(null);
      Promotion decision = policy.decide(version, metricsJson, state, serving);
      handle.createUpdate("UPDATE models SET promotion = ? WHERE version = ?")
          .bind(0, decision.toJson())
          .bind(1, version)
          .execute();
      if (decision.promoted()) {
        serve(handle, version, false);
      }
      return find(handle, version).orElseThrow();
    });
  }

  /** Marks a training run failed with the reason; the ready models are untouched. */
  public void markFailed(long version, String error) {
    store.withHandle(handle -> finish(handle, version, "UPDATE models SET status = ?, error = ?, finished_at = ?"
        + " WHERE version = ? AND status = ?", ModelRecord.FAILED, error == null ? "unknown error" : error));
  }

  /**
   * Marks a ready version whose model file cannot be loaded failed with {@code error}, so no later
   * start or promotion tries it again; if it was serving (or pinned), nothing serves until another
   * version is promoted. True when it was ready.
   */
  public boolean markUnloadable(long version, String error) {
    Objects.requireNonNull(error, "error");
    return store.inTransaction(handle -> {
      ServingState state = lockServing(handle);
      int updated = handle.createUpdate("UPDATE models SET status = ?, error = ? WHERE version = ? AND status = ?")
          .bind(0, ModelRecord.FAILED)
          .bind(1, error)
          .bind(2, version)
          .bind(3, ModelRecord.READY)
          .execute();
      if (state.isServing(version)) {
        handle.createUpdate("UPDATE model_serving SET serving_version = NULL, pinned = ? WHERE id = 1")
            .bind(0, false)
            .execute();
      }
      return updated == 1;
    });
  }

  /**
   * Marks every run still recorded as training failed with {@code error}: at start-up, a run the
   * last process was killed during would otherwise stay "training" for ever. Returns their versions.
   */
  public List<Long> failUnfinished(String error) {
    Objects.requireNonNull(error, "error");
    return store.inTransaction(handle -> {
      List<Long> unfinished = handle.createQuery("SELECT version FROM models WHERE status = ? ORDER BY version")
          .bind(0, ModelRecord.TRAINING)
          .mapTo(Long.class)
          .list();
      handle.createUpdate("UPDATE models SET status = ?, error = ?, finished_at = ? WHERE status = ?")
          .bind(0, ModelRecord.FAILED)
          .bind(1, error)
          .bind(2, EpochMicros.of(clock.instant()))
          .bind(3, ModelRecord.TRAINING)
          .execute();
      return unfinished;
    });
  }

  private Integer finish(Handle handle, long version, String sql, String status, String... values) {
    var update = handle.createUpdate(sql).bind(0, status);
    int position = 1;
    for (String value : values) {
      update.bind(position++, value);
    }
    int updated = update.bind(position++, EpochMicros.of(clock.instant()))
        .bind(position++, version)
        .bind(position, ModelRecord.TRAINING)
        .execute();
    if (updated == 0) {
      ModelRecord existing = find(handle, version).orElseThrow(() -> unknown(version));
      throw new IllegalStateException("model version " + version + " is already " + existing.status()
          + "; only a run that is training can be marked " + status);
    }
    return updated;
  }

  /** Which version serves and whether it is pinned. */
  public ServingState serving() {
    return store.withHandle(ModelRepository::readServing);
  }

  /**
   * The record of {@code version} if it may go live now (promoted, or pinned when {@code pin}),
   * changing nothing: lets a caller load its file before {@link #promote} or {@link #pin}.
   *
   * @throws NoSuchElementException for an unknown version
   * @throws ModelConflictException naming the rule it breaks
   */
  public ModelRecord servable(long version, boolean pin) {
    return store.withHandle(handle -> servable(handle, version, readServing(handle), pin));
  }

  /**
   * Serves {@code version} from now on (a pin on it stays); how an operator rolls back to an older
   * version. Refused while another version is pinned.
   */
  public ModelRecord promote(long version) {
    return changeServing(version, false);
  }

  /** Serves {@code version} and pins it: automatic promotion stays off until {@link #unpin}. */
  public ModelRecord pin(long version) {
    return changeServing(version, true);
  }

  private ModelRecord changeServing(long version, boolean pin) {
    return store.inTransaction(handle -> {
      ServingState state = lockServing(handle);
      servable(handle, version, state, pin);
      if (!state.isServing(version)) {
        serve(handle, version, pin);
      } else if (pin && !state.pinned()) {
        handle.createUpdate("UPDATE model_serving SET pinned = ? WHERE id = 1").bind(0, true).execute();
      }
      return find(handle, version).orElseThrow();
    });
  }

  /** Turns automatic promotion back on; the pinned version keeps serving. Returns it, if one was pinned. */
  public Optional<Long> unpin() {
    return store.inTransaction(handle -> {
      ServingState state = lockServing(handle);
      handle.createUpdate("UPDATE model_serving SET pinned = ? WHERE id = 1").bind(0, false).execute();
      return state.pinnedVersion();
    });
  }

  /**
   * Records that no version serves (and none is pinned): for a server that found none of the
   * ready versions' files loadable, so that the next ready version goes live.
   */
  public void clearServing() {
    store.inTransaction(handle -> {
      lockServing(handle);
      return handle.createUpdate("UPDATE model_serving SET serving_version = NULL, pinned = ? WHERE id = 1")
          .bind(0, false)
          .execute();
    });
  }

  /**
   * Deletes {@code version}'s row and returns it as it was (the caller deletes its file). The
   * serving version, pinned or not, and a run still training cannot be deleted.
   */
  public ModelRecord delete(long version) {
    return store.inTransaction(handle -> {
      ServingState state = lockServing(handle);
      ModelRecord record = find(handle, version).orElseThrow(() -> unknown(version));
      if (state.isServing(version)) {
        throw new ModelConflictException(ModelConflictException.SERVING, "model version " + version + " is "
            + (state.pinned() ? "pinned and serving: unpin it and promote another version" : "serving: promote"
            + " another version") + " before deleting it");
      }
      if (ModelRecord.TRAINING.equals(record.status())) {
        throw new ModelConflictException(ModelConflictException.TRAINING, "model version " + version
            + " is still training: wait until it is ready or failed");
      }
      handle.createUpdate("DELETE FROM models WHERE version = ?").bind(0, version).execute();
      return record;
    });
  }

  /**
   * Retention: marks the files of the ready versions beyond the newest {@code keep} that have files
   * as removed, never the serving one, and returns those versions' records (the caller deletes the
   * files; a file left behind by a crash in between is only wasted space).
   */
  public List<ModelRecord> removeFilesBeyond(int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("models kept " + keep + " must be >= 1");
    }
    return store.inTransaction(handle -> {
      ServingState state = lockServing(handle);
      List<ModelRecord> removed = handle.createQuery("SELECT " + COLUMNS + " FROM models WHERE status = ?"
              + " AND file IS NOT NULL AND file_removed_at IS NULL ORDER BY version DESC")
          .bind(0, ModelRecord.READY)
          .map((row, context) -> model(row))
          .list()
          .stream().skip(keep).filter(record -> !state.isServing(record.version())).toList();
      long now = EpochMicros.of(clock.instant());
      for (ModelRecord record : removed) {
        handle.createUpdate("UPDATE models SET file_removed_at = ? WHERE version = ?")
            .bind(0, now)
            .bind(1, record.version())
            .execute();
      }
      return removed;
    });
  }

  /** The newest model that finished training, if any (not necessarily the one serving: see {@link #serving}). */
  public Optional<ModelRecord> latestReady() {
    return store.withHandle(handle -> handle
        .createQuery("SELECT " + COLUMNS + " FROM models WHERE status = ? ORDER BY version DESC LIMIT 1")
        .bind(0, ModelRecord.READY)
        .map((row, context) -> model(row))
        .findOne());
  }

  public Optional<ModelRecord> find(long version) {
    return store.withHandle(handle -> find(handle, version));
  }

  /** Every run, newest first. */
  public List<ModelRecord> list() {
    return store.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM models ORDER BY version DESC")
        .map((row, context) -> model(row))
        .list());
  }

  /** The rules a version must meet to go live, checked against {@code state}. */
  private static ModelRecord servable(Handle handle, long version, ServingState state, boolean pin) {
    ModelRecord record = find(handle, version).orElseThrow(() -> unknown(version));
    String action = pin ? "pinned" : "promoted";
    if (!record.isReady()) {
      throw new ModelConflictException(ModelConflictException.NOT_READY, "model version " + version + " is "
          + record.status() + ": only a ready version can be " + action);
    }
    if (!record.isServable()) {
      throw new ModelConflictException(ModelConflictException.FILE_REMOVED, "model version " + version
          + "'s file was removed by retention at " + record.fileRemovedAt() + ", so it can no longer be " + action);
    }
    if (!pin && state.pinned() && !state.isServing(version)) {
      throw new ModelConflictException(ModelConflictException.PINNED, "model version " + state.servingVersion()
          + " is pinned: unpin it before promoting version " + version + ", or pin version " + version + " instead");
    }
    return record;
  }

  /** Serves {@code version}, pinned or not, and records when it went live. */
  private void serve(Handle handle, long version, boolean pinned) {
    handle.createUpdate("UPDATE model_serving SET serving_version = ?, pinned = ? WHERE id = 1")
        .bind(0, version)
        .bind(1, pinned)
        .execute();
    handle.createUpdate("UPDATE models SET promoted_at = ? WHERE version = ?")
        .bind(0, EpochMicros.of(clock.instant()))
        .bind(1, version)
        .execute();
  }

  private static ServingState lockServing(Handle handle) {
    handle.createUpdate("UPDATE model_serving SET generation = generation + 1 WHERE id = 1").execute();
    return readServing(handle);
  }

  private static ServingState readServing(Handle handle) {
    return handle.createQuery("SELECT serving_version, pinned, generation FROM model_serving WHERE id = 1")
        .map((row, context) -> {
          Number serving = (Number) row.getObject("serving_version");
          return new ServingState(serving == null ? null : serving.longValue(), row.getBoolean("pinned"),
              row.getLong("generation"));
        })
        .one();
  }

  private static Optional<ModelRecord> find(Handle handle, long version) {
    return handle.createQuery("SELECT " + COLUMNS + " FROM models WHERE version = ?")
        .bind(0, version)
        .map((row, context) -> model(row))
        .findOne();
  }

  private static NoSuchElementException unknown(long version) {
    return new NoSuchElementException("no model version " + version);
  }

  private static ModelRecord model(ResultSet row) throws SQLException {
    return new ModelRecord(row.getLong("version"), row.getString("status"), row.getString("settings"),
        row.getString("metrics"), row.getString("file"), EpochMicros.toInstant(row.getLong("created_at")),
        instant(row, "finished_at"), row.getString("error"), row.getString("promotion"), instant(row, "promoted_at"),
        instant(row, "file_removed_at"));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    Number micros = (Number) row.getObject(column);
    return micros == null ? null : EpochMicros.toInstant(micros.longValue());
  }
}
