package dev.encore.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * The models table: one row per training run or install of a model trained elsewhere, from
 * {@value ModelRecord#TRAINING} to {@value ModelRecord#READY} (with its file and metrics) or
 * {@value ModelRecord#FAILED} (with the error). A run is finished once; the newest ready row is the
 * model to serve.
 */
public final class ModelRepository {
  private static final String COLUMNS =
      "version, status, settings, metrics, file, created_at, finished_at, error";

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

  /** Marks a training run ready, with the model file it wrote and its evaluation. */
  public void markReady(long version, String file, String metricsJson) {
    Objects.requireNonNull(file, "file");
    finish(version, "UPDATE models SET status = ?, file = ?, metrics = ?, finished_at = ?"
        + " WHERE version = ? AND status = ?", ModelRecord.READY, file, metricsJson);
  }

  /** Marks a training run failed with the reason; the ready models are untouched. */
  public void markFailed(long version, String error) {
    finish(version, "UPDATE models SET status = ?, error = ?, finished_at = ? WHERE version = ? AND status = ?",
        ModelRecord.FAILED, error == null ? "unknown error" : error);
  }

  private void finish(long version, String sql, String status, String... values) {
    int updated = store.withHandle(handle -> {
      var update = handle.createUpdate(sql).bind(0, status);
      int position = 1;
      for (String value : values) {
        update.bind(position++, value);
      }
      return update.bind(position++, EpochMicros.of(clock.instant()))
          .bind(position++, version)
          .bind(position, ModelRecord.TRAINING)
          .execute();
    });
    if (updated == 0) {
      ModelRecord existing = find(version)
          .orElseThrow(() -> new NoSuchElementException("no model version " + version));
      throw new IllegalStateException("model version " + version + " is already " + existing.status()
          + "; only a run that is training can be marked " + status);
    }
  }

  /** The newest model that finished training, if any. */
  public Optional<ModelRecord> latestReady() {
    return store.withHandle(handle -> handle
        .createQuery("SELECT " + COLUMNS + " FROM models WHERE status = ? ORDER BY version DESC LIMIT 1")
        .bind(0, ModelRecord.READY)
        .map((row, context) -> model(row))
        .findOne());
  }

  public Optional<ModelRecord> find(long version) {
    return store.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM models WHERE version = ?")
        .bind(0, version)
        .map((row, context) -> model(row))
        .findOne());
  }

  /** Every run, newest first. */
  public List<ModelRecord> list() {
    return store.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM models ORDER BY version DESC")
        .map((row, context) -> model(row))
        .list());
  }

  private static ModelRecord model(ResultSet row) throws SQLException {
    Number finished = (Number) row.getObject("finished_at");
    return new ModelRecord(row.getLong("version"), row.getString("status"), row.getString("settings"),
        row.getString("metrics"), row.getString("file"), EpochMicros.toInstant(row.getLong("created_at")),
        finished == null ? null : EpochMicros.toInstant(finished.longValue()), row.getString("error"));
  }
}
