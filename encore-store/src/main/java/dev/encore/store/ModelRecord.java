package dev.encore.store;

import java.time.Instant;

/**
 * One row of the models table: a training run and, once ready, its model file and metrics.
 * {@code status} is {@value #TRAINING}, {@value #READY} or {@value #FAILED}; {@code metricsJson},
 * {@code file}, {@code finishedAt} and {@code error} are null until they apply.
 */
public record ModelRecord(long version, String status, String settingsJson, String metricsJson, String file,
    Instant createdAt, Instant finishedAt, String error) {
  public static final String TRAINING = "training";
  public static final String READY = "ready";
  public static final String FAILED = "failed";

  public boolean isReady() {
    return READY.equals(status);
  }
}
