package dev.encore.server;

import dev.encore.index.IndexPolicy;
import dev.encore.index.IndexSettings;
import dev.encore.index.ModelIndexes;
import dev.encore.model.FactorModel;
import dev.encore.model.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A version's model file as the server serves it: read, with the approximate index saved beside
 * it attached where {@link IndexPolicy} wants one (built and saved again if it is missing or does
 * not match the file). Every path that puts a model in service reads it here.
 */
final class ServedModelFile {
  private static final Logger LOG = LoggerFactory.getLogger(ServedModelFile.class);

  private ServedModelFile() {}

  static FactorModel load(Path file, IndexPolicy policy) throws IOException {
    FactorModel model = ModelFile.load(file);
    return ModelIndexes.attach(model, file, policy, IndexSettings.defaults(model.settings().threads()), LOG::warn);
  }
}
