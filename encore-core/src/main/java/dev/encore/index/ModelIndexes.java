package dev.encore.index;

import dev.encore.model.FactorModel;
import dev.encore.model.ModelFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A model file or directory and the index kept with it ({@link IndexFile#forModel}), together: the one
 * place that decides whether a model gets an index, and where it comes from.
 */
public final class ModelIndexes {
  private ModelIndexes() {}

  /**
   * Builds {@code model}'s index when {@code policy} wants one for its catalogue and saves it
   * with {@code modelFile}; returns the model serving through it (or unchanged).
   */
  public static FactorModel build(FactorModel model, Path modelFile, IndexPolicy policy, IndexSettings settings)
      throws IOException {
    if (!policy.wantsIndex(model.items().size())) {
      Files.deleteIfExists(IndexFile.forModel(modelFile));
      return model.withIndex(null, policy);
    }
    ItemIndex index = ItemIndexBuilder.build(model.itemFactors(), model.items().size(), model.factors(),
        model.userFactors(), model.users().size(), model.played(), settings);
    IndexFile.save(index, model.itemFactors(), IndexFile.forModel(modelFile));
    return model.withIndex(index, policy);
  }

  /**
   * {@code model} (read from {@code modelFile}) with the index saved with it. An index that is
   * missing, corrupt or built for other factors is built anew and saved when the policy wants
   * one; {@code log} hears why.
   */
  public static FactorModel attach(FactorModel model, Path modelFile, IndexPolicy policy, IndexSettings settings,
      Consumer<String> log) throws IOException {
    if (!policy.wantsIndex(model.items().size())) {
      return model.withIndex(null, policy);
    }
    ItemIndex saved = loaded(model, IndexFile.forModel(modelFile), log);
    return saved != null ? model.withIndex(saved, policy) : build(model, modelFile, policy, settings);
  }

  /**
   * As {@link #build}, but the index at {@code source} (the one a model being installed came with,
   * such as the Spark job's inside its model directory) is saved with {@code modelFile} and used
   * instead of a new one when it was built for {@code model}'s very factors.
   */
  public static FactorModel adopt(FactorModel model, Path source, Path modelFile, IndexPolicy policy,
      IndexSettings settings, Consumer<String> log) throws IOException {
    if (!policy.wantsIndex(model.items().size())) {
      return build(model, modelFile, policy, settings);
    }
    ItemIndex shipped = loaded(model, source, log);
    if (shipped == null) {
      return build(model, modelFile, policy, settings);
    }
    IndexFile.save(shipped, model.itemFactors(), IndexFile.forModel(modelFile));
    return model.withIndex(shipped, policy);
  }

  /** The index at {@code file} if there is one built for {@code model}; null (and why, if not missing) otherwise. */
  private static ItemIndex loaded(FactorModel model, Path file, Consumer<String> log) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return IndexFile.load(file, model.itemFactors(), model.items().size(), model.factors());
    } catch (ModelFileException e) {
      log.accept(e.getMessage() + "; building the index again");
      return null;
    }
  }
}
