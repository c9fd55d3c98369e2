package dev.encore.cli;

import dev.encore.model.FactorModel;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code encore similar}: tracks that sound alike to listeners, or listeners who listen alike. */
@Command(name = "similar", mixinStandardHelpOptions = true,
    description = "Items similar to an item, or users similar to a user, by cosine of their factors.")
final class SimilarCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ModelOption modelOption;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Query query;

  static final class Query {
    @Option(names = {"-i", "--item"}, description = "External item ID.")
    String item;

    @Option(names = {"-u", "--user"}, description = "External user ID.")
    String user;
  }

  @Option(names = {"-n", "--count"}, description = "How many (default: ${DEFAULT-VALUE}).")
  int count = 10;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    RecommendCommand.requirePositive(count, "--count");
    FactorModel model = modelOption.load();
    List<Map.Entry<String, Float>> rows = query.item != null
        ? model.similarItems(query.item, count).stream().map(r -> Map.entry(r.itemId(), r.score())).toList()
        : model.similarUsers(query.user, count).stream().map(r -> Map.entry(r.userId(), r.score())).toList();
    PrintWriter out = spec.commandLine().getOut();
    String what = query.item != null ? "item" : "user";
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put(what, query.item != null ? query.item : query.user);
      result.put("similar", rows.stream().map(r -> Map.of("id", r.getKey(), "score", r.getValue())).toList());
      JsonOutput.print(out, result);
    } else {
      RecommendCommand.printRanked(out, what, rows);
    }
    return 0;
  }
}
