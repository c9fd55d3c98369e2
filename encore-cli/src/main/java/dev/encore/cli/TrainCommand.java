package dev.encore.cli;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.io.Dataset;
import dev.encore.model.FactorModel;
import dev.encore.model.ModelFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code encore train}: plays in, model file out. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train an implicit-feedback ALS model on plays and save it.")
final class TrainCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  DatasetOptions dataset;

  @Mixin
  AlsOptions als;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Model file to write (default: ${DEFAULT-VALUE}).")
  Path output = Path.of("model.encore");

  @Override
  public Integer call() throws Exception {
    AlsConfig config = als.toConfig();
    Dataset data = dataset.load();
    PrintWriter out = spec.commandLine().getOut();
    out.println(data.summary());
    out.println(data.interactions());
    out.flush();
    long start = System.nanoTime();
    FactorModel model;
    try (TrainingProgress progress = new TrainingProgress(System.err, "Training")) {
      model = new AlsTrainer(config).fit(data.interactions(), progress);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    ModelFile.save(model, output);
    out.printf(Locale.ROOT, "trained %d factors, %d iterations (%s) in %.2f s; wrote %s%n", config.factors(),
        config.iterations(), config.solver(), seconds, output);
    out.flush();
    return 0;
  }
}
