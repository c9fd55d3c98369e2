package dev.encore.cli;

import dev.encore.model.FactorModel;
import dev.encore.model.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model PATH}: the trained model a command reads, a file or a directory of parts. */
final class ModelOption {
  @Option(names = {"-m", "--model"}, paramLabel = "PATH", required = true,
      description = "Model file written by `encore train`, or model directory written by the Spark job.")
  Path model;

  FactorModel load() throws IOException {
    return ModelFile.load(model);
  }
}
