package dev.encore.cli;

import dev.encore.model.FactorModel;
import dev.encore.model.RecommendOptions;
import dev.encore.model.Recommendation;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code encore recommend}: what a listener should hear next. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
    description = "Recommend items for a user of a trained model.")
final class RecommendCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ModelOption modelOption;

  @Option(names = {"-u", "--user"}, required = true, description = "External user ID.")
  String user;

  @Option(names = {"-n", "--count"}, description = "How many items (default: ${DEFAULT-VALUE}).")
  int count = 10;

  @Option(names = "--keep-played", description = "Also recommend items the user already played.")
  boolean keepPlayed;

  @Option(names = "--include", split = ",", paramLabel = "ITEM", description = "Only these item IDs (comma separated).")
  Set<String> include;

  @Option(names = "--exclude", split = ",", paramLabel = "ITEM", description = "Never these item IDs (comma separated).")
  Set<String> exclude;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    requirePositive(count, "--count");
    FactorModel model = modelOption.load();
    RecommendOptions options = new RecommendOptions(!keepPlayed, include, exclude);
    List<Recommendation> recommendations = model.recommend(user, count, options);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("user", user);
      result.put("recommendations", recommendations);
      JsonOutput.print(out, result);
    } else {
      printRanked(out, "item", recommendations.stream().map(r -> Map.entry(r.itemId(), r.score())).toList());
    }
    return 0;
  }

  static void requirePositive(int value, String option) {
    if (value < 1) {
      throw new IllegalArgumentException(option + " " + value + " must be >= 1");
    }
  }

  static void printRanked(PrintWriter out, String what, List<Map.Entry<String, Float>> rows) {
    out.printf(Locale.ROOT, "%4s  %-24s %10s%n", "rank", what, "score");
    int rank = 1;
    for (Map.Entry<String, Float> row : rows) {
      out.printf(Locale.ROOT, "%4d  %-24s %10.4f%n", rank++, row.getKey(), row.getValue());
    }
    out.flush();
  }
}
