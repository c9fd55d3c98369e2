package dev.encore.cli;

import dev.encore.model.Explanation;
import dev.encore.model.FactorModel;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code encore explain}: which played items made an item score as it does (Hu et al. 2008, section 5). */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Explain a user's score for an item as a sum over the items they played.")
final class ExplainCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ModelOption modelOption;

  @Option(names = {"-u", "--user"}, required = true, description = "External user ID.")
  String user;

  @Option(names = {"-i", "--item"}, required = true, description = "External item ID.")
  String item;

  @Option(names = "--top", description = "How many contributing items to list (default: ${DEFAULT-VALUE}).")
  int top = 5;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    RecommendCommand.requirePositive(top, "--top");
    FactorModel model = modelOption.load();
    Explanation explanation = model.explain(user, item, top);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(out, explanation);
    } else {
      print(out, explanation);
    }
    return 0;
  }

  static void print(PrintWriter out, Explanation explanation) {
    out.printf(Locale.ROOT, "%s for %s: score %.4f from %d played items; largest parts:%n", explanation.itemId(),
        explanation.userId(), explanation.score(), explanation.playedCount());
    for (Explanation.Contribution part : explanation.contributions()) {
      out.printf(Locale.ROOT, "    %-24s %+9.4f  (%5.1f%%)%n", part.itemId(), part.contribution(), 100 * part.share());
    }
    int unlisted = explanation.playedCount() - explanation.contributions().size();
    if (unlisted > 0) {
      out.printf(Locale.ROOT, "    %-24s %+9.4f  (%5.1f%%)%n", "the other " + unlisted, explanation.restOfScore(),
          explanation.score() != 0 ? 100 * explanation.restOfScore() / explanation.score() : 0.0);
    }
    if (explanation.note() != null) {
      out.println("    note: " + explanation.note());
    }
    out.flush();
  }
}
