package dev.encore.cli;

import dev.encore.model.FactorModel;
import dev.encore.model.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model FILE}: the trained model a command reads. */
final class ModelOption {
  @Option(names = {"-m", "--model"}, paramLabel = "FILE", required = true, description = "Model file written by `encore train`.")
  Path model;

  FactorModel load() throws IOException {
    return ModelFile.load(model);
  }
}
