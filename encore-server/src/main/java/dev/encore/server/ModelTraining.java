package dev.encore.server;

import dev.encore.als.AlsConfig;
import dev.encore.als.TrainingListener;
import dev.encore.content.FeatureTable;
import dev.encore.model.FactorModel;
import dev.encore.model.ModelFile;
import dev.encore.store.EncoreStore;
import dev.encore.store.ModelRecord;
import dev.encore.store.StoredModelTrainer;
import java.nio.file.Path;

/**
 * Trains a model from the stored plays and records it; the server's one way to train a new model
 * ({@link ModelInstaller} installs one trained elsewhere).
 */
@FunctionalInterface
interface ModelTraining {
  /** A ready model and its record; throws when training fails (the failure is recorded by then). */
  TrainedModel train(AlsConfig settings, TrainingListener listener) throws Exception;

  /**
   * @param catalogue the tracks' features and tags to serve the model with, read after training
   *     so tracks added meanwhile are in it ({@link dev.encore.store.TrackRepository#features})
   */
  record TrainedModel(ModelRecord record, FactorModel model, FeatureTable catalogue) {}

  /**
   * Through {@link StoredModelTrainer}, then loading the file it wrote and the catalogue, exactly
   * as a restart would.
   */
  static ModelTraining stored(EncoreStore store, Path dataDirectory) {
    StoredModelTrainer trainer = new StoredModelTrainer(store, dataDirectory);
    return (settings, listener) -> {
      ModelRecord record = trainer.train(settings, listener);
      return new TrainedModel(record, ModelFile.load(Path.of(record.file())), store.tracks().features());
    };
  }
}
