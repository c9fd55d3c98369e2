package dev.encore.index;

import dev.encore.model.FactorModel;
import dev.encore.model.ModelFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A model file and the index kept beside it ({@link IndexFile#besideModel}), together: the one
 * place that decides whether a model gets an index, and where it comes from.
 */
public final class ModelIndexes {
  private ModelIndexes() {}

  /**
   * Builds {@code model}'s index when {@code policy} wants one for its catalogue and saves it
   * beside {@code modelFile}; returns the model serving through it (or unchanged).
   */
  public static FactorModel build(FactorModel model, Path modelFile, IndexPolicy policy, IndexSettings settings)
      throws IOException {
    if (!policy.wantsIndex(model.items().size())) {
      Files.deleteIfExists(IndexFile.besideModel(modelFile));
      return model.withIndex(null, policy);
    }
    ItemIndex index = ItemIndexBuilder.build(model.itemFactors(), model.items().size(), model.factors(),
        model.userFactors(), model.users().size(), model.played(), settings);
    IndexFile.save(index, model.itemFactors(), IndexFile.besideModel(modelFile));
    return model.withIndex(index, policy);
  }

  /**
   * {@code model} (read from {@code modelFile}) with the index saved beside it. An index that is
   * missing, corrupt or built for other factors is built anew and saved when the policy wants
   * one; {@code log} hears why.
   */
  public static FactorModel attach(FactorModel model, Path modelFile, IndexPolicy policy, IndexSettings settings,
      Consumer<String> log) throws IOException {
    if (!policy.wantsIndex(model.items().size())) {
      return model.withIndex(null, policy);
    }
    Path indexFile = IndexFile.besideModel(modelFile);
    if (Files.isRegularFile(indexFile)) {
      try {
        return model.withIndex(
            IndexFile.load(indexFile, model.itemFactors(), model.items().size(), model.factors()), policy);
      } catch (ModelFileException e) {
        log.accept(e.getMessage() + "; building the index again");
      }
    }
    return build(model, modelFile, policy, settings);
  }
}
