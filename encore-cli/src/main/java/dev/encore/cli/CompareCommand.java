package dev.encore.cli;

import dev.encore.concurrent.Workers;
import dev.encore.model.FactorModel;
import dev.encore.model.ModelComparison;
import dev.encore.model.ModelFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code encore compare}: do two models find the same neighbours? */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Mean overlap@k of two models' similar-item and similar-user lists (1 = identical neighbours).")
final class CompareCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL_A", description = "First model file.")
  Path first;

  @Parameters(index = "1", paramLabel = "MODEL_B", description = "Second model file.")
  Path second;

  @Option(names = "-k", description = "Neighbours per list (default: ${DEFAULT-VALUE}).")
  int k = 10;

  @Option(names = "--sample", description = "Items and users to compare at most, chosen at random (default: ${DEFAULT-VALUE}).")
  int sample = 2000;

  @Option(names = "--seed", description = "Seed of the sample (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    FactorModel a = ModelFile.load(first);
    FactorModel b = ModelFile.load(second);
    ModelComparison comparison = ModelComparison.compare(a, b, k, sample, seed, Workers.defaultThreads());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(out, comparison);
      return 0;
    }
    out.printf(Locale.ROOT, "%s (%d factors) vs %s (%d factors), overlap@%d:%n", first, a.factors(), second, b.factors(), k);
    out.printf(Locale.ROOT, "  similar items: %.3f over %d items%n", comparison.itemOverlap(), comparison.itemsCompared());
    out.printf(Locale.ROOT, "  similar users: %.3f over %d users%n", comparison.userOverlap(), comparison.usersCompared());
    out.flush();
    return 0;
  }
}
