package dev.encore.store;

import dev.encore.hybrid.Blend;
import java.time.Instant;

/**
 * One row of the models table: a training run and, once ready, its model file and metrics.
 * {@code status} is {@value #TRAINING}, {@value #READY} or {@value #FAILED}; {@code metricsJson},
 * {@code file}, {@code finishedAt} and {@code error} are null until they apply.
 *
 * @param promotionJson the {@link Promotion} decided when the version became ready, as JSON; null
 *     before (and for versions made before promotion existed)
 * @param promotedAt the last time the version went live; null if it never served
 * @param fileRemovedAt when retention deleted its model file; null while the file is kept
 */
public record ModelRecord(long version, String status, String settingsJson, String metricsJson, String file,
    Instant createdAt, Instant finishedAt, String error, String promotionJson, Instant promotedAt,
    Instant fileRemovedAt) {
  public static final String TRAINING = "training";
  public static final String READY = "ready";
  public static final String FAILED = "failed";

  public boolean isReady() {
    return READY.equals(status);
  }

  /**
   * The hybrid blend this version serves: the one chosen for it on validation, or
   * {@link Blend#DEFAULT} when none was (no track features at training, an installed model, a
   * version from before blends were chosen).
   */
  public Blend servingBlend() {
    return HybridEvaluation.servingBlend(metricsJson);
  }

  /** Whether the version can be served: ready, and its model file not removed by retention. */
  public boolean isServable() {
    return isReady() && file != null && fileRemovedAt == null;
  }
}
