package dev.encore.server;

import dev.encore.als.AlsConfig;
import dev.encore.data.Confidence;

/** Optional overrides of the server's ALS settings for one training run; absent fields keep the server's. */
record TrainRequest(Integer factors, Integer iterations, Float regularization, Float alpha) {
  static final TrainRequest NONE = new TrainRequest(null, null, null, null);

  /** The settings to train with; an out-of-range value is a 400 naming it. */
  AlsConfig applyTo(AlsConfig base) {
    try {
      AlsConfig settings = base;
      if (factors != null) {
        settings = settings.withFactors(factors);
      }
      if (iterations != null) {
        settings = settings.withIterations(iterations);
      }
      if (regularization != null) {
        settings = settings.withRegularization(regularization);
      }
      if (alpha != null) {
        Confidence confidence = settings.confidence();
        settings = settings.withConfidence(new Confidence(confidence.function(), alpha, confidence.epsilon(),
            confidence.cap()));
      }
      return settings;
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid_field", "Training " + e.getMessage() + ".");
    }
  }
}
