package dev.encore.server;

import dev.encore.als.TrainingListener;
import dev.encore.store.EncoreStore;
import dev.encore.store.ModelRecord;
import dev.encore.store.StoredModelTrainer;
import java.time.Clock;
import java.time.Instant;

/**
 * Trains a model from the stored plays and records it; the server's one way to train a new model
 * ({@link ModelInstaller} installs one trained elsewhere).
 */
@FunctionalInterface
interface ModelTraining {
  /** A ready version and what would serve it; throws when training fails (the failure is recorded by then). */
  TrainedModel train(TrainingPlan plan, TrainingListener listener) throws Exception;

  /**
   * @param record the ready version; its promotion says whether it is to go live
   * @param snapshot what serves it, built before it was marked ready
   */
  record TrainedModel(ModelRecord record, ServingSnapshot snapshot) {}

  /**
   * Through {@link StoredModelTrainer}, building the snapshot from the file it wrote and the
   * catalogue read after training (so tracks added meanwhile are in it), exactly as a restart
   * would, before the version is marked ready.
   */
  static ModelTraining stored(EncoreStore store, StoredModelTrainer trainer, Clock clock) {
    return (plan, listener) -> {
      // Taken before the plays are read: anything folded in from now on may be missing from the model.
      Instant readAt = clock.instant();
      StoredModelTrainer.Recorded<ServingSnapshot> recorded = trainer.train(plan.settingsAt(readAt), listener,
          (version, model, blend) -> ServingSnapshot.ofModel(version,
              ServedModelFile.load(trainer.modelFile(version), trainer.indexPolicy()),
              store.tracks().features(), blend, readAt));
      return new TrainedModel(recorded.record(), recorded.prepared());
    };
  }
}
