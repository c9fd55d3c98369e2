package dev.encore.server;

import dev.encore.model.FactorModel;
import dev.encore.store.EncoreStore;

/** The errors of asking a model question the current snapshot cannot answer yet. */
final class ModelGuards {
  private ModelGuards() {}

  /** The snapshot's model; a 503 telling the client to wait for training when there is none. */
  static FactorModel requireModel(ServingSnapshot snapshot) {
    if (!snapshot.hasModel()) {
      throw new ApiException(503, "model_not_ready", "No model is trained yet: training runs in the background"
          + " (follow it with GET /v1/models); popular recommendations work meanwhile.");
    }
    return snapshot.model();
  }

  /** A known listener or track that the serving model was trained without. */
  static ApiException notInModel(String kind, String id, ServingSnapshot snapshot) {
    return ApiException.notFound("not_in_model", "The " + kind + " '" + id + "' is stored but was not in the"
        + " data model version " + snapshot.modelVersion() + " was trained on; it will be after the next"
        + " retrain (POST /v1/models/train).");
  }

  /** A 404 for a listener neither the store nor the snapshot knows; else the model was trained without them. */
  static ApiException notInModelOrUnknown(EncoreStore store, String userId, ServingView view) {
    return store.listeners().find(userId).isPresent() || view.knowsListener(userId)
        ? notInModel("listener", userId, view.snapshot())
        : ApiException.unknownListener(userId);
  }
}
