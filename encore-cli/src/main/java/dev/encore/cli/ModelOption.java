package dev.encore.cli;

import dev.encore.index.IndexFile;
import dev.encore.index.IndexPolicy;
import dev.encore.index.ItemIndex;
import dev.encore.model.FactorModel;
import dev.encore.model.ModelFile;
import dev.encore.model.ModelFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model PATH}: the trained model a command reads, a file or a directory of parts. */
final class ModelOption {
  @Option(names = {"-m", "--model"}, paramLabel = "PATH", required = true,
      description = "Model file written by `encore train`, or model directory written by the Spark job.")
  Path model;

  @Option(names = "--exact",
      description = "Score every track even when the model has an approximate index (MODEL.index beside a model"
          + " file, items.index inside a model directory).")
  boolean exact;

  /** The model, answering through its index when there is one that matches and --exact is not given. */
  FactorModel load() throws IOException {
    FactorModel loaded = ModelFile.load(model);
    Path indexFile = IndexFile.forModel(model);
    if (exact || !Files.isRegularFile(indexFile)) {
      return loaded;
    }
    try {
      ItemIndex index = IndexFile.load(indexFile, loaded.itemFactors(), loaded.items().size(), loaded.factors());
      return loaded.withIndex(index, new IndexPolicy(0, IndexPolicy.DEFAULT.minRecall()));
    } catch (ModelFileException e) {
      System.err.println("warning: " + e.getMessage() + "; scoring every track");
      return loaded;
    }
  }
}
