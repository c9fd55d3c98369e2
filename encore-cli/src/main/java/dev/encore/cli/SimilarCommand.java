package dev.encore.cli;

import dev.encore.content.ContentSimilarity;
import dev.encore.content.FeatureTable;
import dev.encore.hybrid.HybridSimilarity;
import dev.encore.model.ModelFile;
import dev.encore.popular.PopularityRecommender;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code encore similar}: tracks that sound alike or are played alike, or listeners who listen alike. */
@Command(name = "similar", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Tracks similar to a track (by co-listening, sound, or both), or users similar to a user.")
final class SimilarCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-m", "--model"}, paramLabel = "FILE",
      description = "Model file written by `encore train` (needed by --by cf and hybrid).")
  Path model;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Query query;

  static final class Query {
    @Option(names = {"-i", "--item"}, description = "External item ID.")
    String item;

    @Option(names = {"-u", "--user"}, description = "External user ID.")
    String user;
  }

  @Option(names = "--by", paramLabel = "SIGNAL",
      description = "cf (cosine of ALS factors), content (sound and tags; needs --features) or hybrid (both) (default: ${DEFAULT-VALUE}).")
  String by = "cf";

  @Mixin
  FeaturesOption features;

  @Mixin
  BlendOptions blendOptions;

  @Option(names = {"-n", "--count"}, description = "How many (default: ${DEFAULT-VALUE}).")
  int count = 10;

  @Option(names = "--why", description = "With --by content: say what each track shares with the query.")
  boolean why;

  @Mixin
  NamesOption namesOption = new NamesOption();

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    RecommendCommand.requirePositive(count, "--count");
    String signal = by.trim().toLowerCase(Locale.ROOT);
    if (!List.of("cf", "content", "hybrid").contains(signal)) {
      throw new IllegalArgumentException("--by '" + by + "' is not one of cf, content, hybrid");
    }
    if (query.user != null && !signal.equals("cf")) {
      throw new IllegalArgumentException("--by " + signal + " compares tracks; similar listeners are found by --by cf");
    }
    if (!signal.equals("cf") && !features.isSet()) {
      throw new IllegalArgumentException("--by " + signal + " needs --features FILE: " + FeaturesOption.WHAT);
    }
    if (!signal.equals("content") && model == null) {
      throw new IllegalArgumentException("--by " + signal + " needs --model FILE, a model written by `encore train`");
    }
    if (why && !signal.equals("content")) {
      throw new IllegalArgumentException("--why explains --by content; for ALS use `encore explain`");
    }
    List<Map.Entry<String, Float>> rows;
    List<String> reasons = List.of();
    if (signal.equals("content")) {
      ContentSimilarity similarity = ContentSimilarity.of(features.load());
      rows = similarity.similar(query.item, count).stream().map(t -> Map.entry(t.trackId(), (float) t.score())).toList();
      if (why) {
        reasons = rows.stream().map(row -> similarity.explain(query.item, row.getKey(), 3).summary()).toList();
      }
    } else {
      FeatureTable scaled = features.loadScaledOrNull();
      ModelWithContent catalogue = ModelWithContent.of(ModelFile.load(model), scaled, blendOptions.ridge);
      if (query.user != null) {
        rows = catalogue.model().similarUsers(query.user, count).stream()
            .map(r -> Map.entry(r.userId(), r.score())).toList();
      } else if (signal.equals("cf")) {
        rows = catalogue.model().similarItems(query.item, count).stream()
            .map(r -> Map.entry(r.itemId(), r.score())).toList();
      } else {
        HybridSimilarity similarity = new HybridSimilarity(catalogue.model(), ContentSimilarity.of(features.load()),
            new PopularityRecommender(catalogue.plays()), blendOptions.toBlend(HybridSimilarity.DEFAULT));
        rows = similarity.similar(query.item, count).stream().map(r -> Map.entry(r.itemId(), r.score())).toList();
      }
    }
    print(rows, reasons, query.item != null ? namesOption.load() : Map.of());
    return 0;
  }

  private void print(List<Map.Entry<String, Float>> rows, List<String> reasons, Map<String, String> names) {
    PrintWriter out = spec.commandLine().getOut();
    String what = query.item != null ? "item" : "user";
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put(what, query.item != null ? query.item : query.user);
      result.put("by", by.trim().toLowerCase(Locale.ROOT));
      List<Map<String, Object>> similar = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", rows.get(i).getKey());
        row.put("score", rows.get(i).getValue());
        if (names.containsKey(rows.get(i).getKey())) {
          row.put("name", names.get(rows.get(i).getKey()));
        }
        if (!reasons.isEmpty()) {
          row.put("why", reasons.get(i));
        }
        similar.add(row);
      }
      result.put("similar", similar);
      JsonOutput.print(out, result);
      return;
    }
    RecommendCommand.printRanked(out, what, rows, names);
    for (int i = 0; i < reasons.size(); i++) {
      out.printf(Locale.ROOT, "%4d  %s: %s%n", i + 1, rows.get(i).getKey(), reasons.get(i));
    }
    out.flush();
  }
}
