package dev.encore.cli;

import dev.encore.content.ContentRecommender;
import dev.encore.content.TasteProfile;
import dev.encore.hybrid.HybridRecommender;
import dev.encore.hybrid.StarterTracks;
import dev.encore.model.FactorModel;
import dev.encore.model.RecommendOptions;
import dev.encore.model.Recommendation;
import dev.encore.model.Recommender;
import dev.encore.model.TopK;
import dev.encore.popular.PopularityRecommender;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code encore recommend}: what a listener should hear next. */
@Command(name = "recommend", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Recommend tracks for a listener of a trained model, a newcomer with a few plays, or one with none.")
final class RecommendCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ModelOption modelOption;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Listener listener;

  static final class Listener {
    @Option(names = {"-u", "--user"}, description = "External user ID of a listener the model was trained on.")
    String user;

    @Option(names = "--played", split = ",", paramLabel = "ITEM[:PLAYS]",
        description = "A listener the model does not know, by what they played (play count 1 when left out): folded in.")
    List<String> played;

    @Option(names = "--new-listener", description = "A listener with no plays at all: popular tracks, optionally by --genre and --mood.")
    boolean newListener;
  }

  @Option(names = "--strategy", paramLabel = "S",
      description = "als, content, popular or hybrid (content and hybrid need --features) (default: ${DEFAULT-VALUE}).")
  String strategy = "als";

  @Mixin
  FeaturesOption features;

  @Mixin
  BlendOptions blendOptions;

  @Option(names = {"-n", "--count"}, description = "How many items (default: ${DEFAULT-VALUE}).")
  int count = 10;

  @Option(names = "--keep-played", description = "Also recommend items the user already played.")
  boolean keepPlayed;

  @Option(names = "--include", split = ",", paramLabel = "ITEM", description = "Only these item IDs (comma separated).")
  Set<String> include;

  @Option(names = "--exclude", split = ",", paramLabel = "ITEM", description = "Never these item IDs (comma separated).")
  Set<String> exclude;

  @Option(names = "--genre", split = ",", paramLabel = "GENRE", description = "With --new-listener: only tracks of these genres.")
  Set<String> genres = Set.of();

  @Option(names = "--mood", split = ",", paramLabel = "MOOD", description = "With --new-listener: only tracks of these moods.")
  Set<String> moods = Set.of();

  @Option(names = "--why", description = "Say why each track was picked (content and hybrid strategies).")
  boolean why;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Mixin
  NamesOption namesOption = new NamesOption();

  private Map<String, String> names = Map.of();

  @Override
  public Integer call() throws Exception {
    requirePositive(count, "--count");
    Strategy chosen = Strategy.parse(strategy);
    if (chosen.needsFeatures() && !features.isSet()) {
      throw new IllegalArgumentException("--strategy " + chosen + " needs --features FILE: " + FeaturesOption.WHAT);
    }
    if (blendOptions.isBlendSet() && chosen != Strategy.HYBRID) {
      throw new IllegalArgumentException("--weights and --normalization set the hybrid's blend; add --strategy hybrid");
    }
    if ((!genres.isEmpty() || !moods.isEmpty()) && !listener.newListener) {
      throw new IllegalArgumentException("--genre and --mood pick starter tracks for --new-listener");
    }
    if (why && !chosen.needsFeatures()) {
      throw new IllegalArgumentException("--why explains content and hybrid picks; for ALS use `encore explain`");
    }
    ModelWithContent catalogue = ModelWithContent.of(modelOption.load(), features.loadScaledOrNull(),
        blendOptions.ridge);
    RecommendOptions options = new RecommendOptions(!keepPlayed, include, exclude);
    Map<String, Float> plays = listener.played == null ? null : parsePlays(listener.played);
    List<Recommendation> recommendations;
    Recommender recommender = null;
    if (listener.newListener) {
      recommendations = StarterTracks.recommend(new PopularityRecommender(catalogue.plays()),
          catalogue.hasFeatures() ? catalogue.itemFeatures() : null, genres, moods, count);
    } else {
      recommender = recommender(chosen, catalogue);
      recommendations = plays == null ? recommender.recommend(listener.user, count, options)
          : recommendForPlays(recommender, plays, options);
    }
    List<String> reasons = why && recommender != null ? reasons(recommender, plays, recommendations) : List.of();
    names = namesOption.load();
    print(recommendations, reasons);
    return 0;
  }

  private Recommender recommender(Strategy chosen, ModelWithContent catalogue) {
    return switch (chosen) {
      case ALS -> catalogue.model();
      case POPULAR -> new PopularityRecommender(catalogue.plays());
      case CONTENT -> catalogue.sources().content();
      case HYBRID -> catalogue.sources().blend(blendOptions.toBlend());
    };
  }

  /** A newcomer: ALS folds them in, content profiles their plays, the hybrid does both. */
  private List<Recommendation> recommendForPlays(Recommender recommender, Map<String, Float> plays,
      RecommendOptions options) {
    if (recommender instanceof FactorModel als) {
      return als.recommend(als.foldIn(plays), als.itemIndices(plays), count, options);
    }
    if (recommender instanceof ContentRecommender content) {
      return content.recommend(plays, count, options);
    }
    if (recommender instanceof HybridRecommender hybrid) {
      return hybrid.recommend(plays, count, options);
    }
    PopularityRecommender popular = (PopularityRecommender) recommender;
    float[] scores = new float[popular.items().size()];
    for (int item = 0; item < scores.length; item++) {
      scores[item] = popular.popularity(item);
    }
    int[] playedItems = plays.keySet().stream().mapToInt(id -> popular.items().indexOf(id)).toArray();
    return popular.toRecommendations(TopK.select(scores, count, options.blockedItems(playedItems, popular.items())));
  }

  /** One line per recommendation: the features and tags it shares with the listener's profile, and the blend's parts. */
  private List<String> reasons(Recommender recommender, Map<String, Float> plays, List<Recommendation> recommendations) {
    HybridRecommender hybrid = recommender instanceof HybridRecommender h ? h : null;
    ContentRecommender content = hybrid != null ? hybrid.sources().content() : (ContentRecommender) recommender;
    TasteProfile profile = plays != null ? content.profile(plays)
        : content.profile(content.users().indexOf(listener.user));
    List<String> reasons = new ArrayList<>();
    for (Recommendation recommendation : recommendations) {
      String itemId = recommendation.itemId();
      String because = content.features().isDescribed(content.items().indexOf(itemId))
          ? content.explain(profile, itemId, 5).summary() : "no features";
      if (hybrid != null && plays == null) {
        StringBuilder parts = new StringBuilder();
        for (HybridRecommender.SourcePart part : hybrid.explain(listener.user, itemId)) {
          parts.append(String.format(Locale.ROOT, "%s %+.2f, ", part.source(), part.contribution()));
        }
        because = parts + because;
      }
      reasons.add(because);
    }
    return reasons;
  }

  private void print(List<Recommendation> recommendations, List<String> reasons) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("user", listener.user != null ? listener.user : listener.newListener ? "(new listener)" : "(played)");
      result.put("strategy", listener.newListener ? "popular" : Strategy.parse(strategy).toString());
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < recommendations.size(); i++) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("itemId", recommendations.get(i).itemId());
        row.put("score", recommendations.get(i).score());
        if (names.containsKey(recommendations.get(i).itemId())) {
          row.put("name", names.get(recommendations.get(i).itemId()));
        }
        if (!reasons.isEmpty()) {
          row.put("why", reasons.get(i));
        }
        rows.add(row);
      }
      result.put("recommendations", rows);
      JsonOutput.print(out, result);
      return;
    }
    printRanked(out, "item", recommendations.stream().map(r -> Map.entry(r.itemId(), r.score())).toList(), names);
    for (int i = 0; i < reasons.size(); i++) {
      out.printf(Locale.ROOT, "%4d  %s: %s%n", i + 1, recommendations.get(i).itemId(), reasons.get(i));
    }
    out.flush();
  }

  /** {@code ITEM[:PLAYS]} entries into a map; a repeated item adds up. */
  static Map<String, Float> parsePlays(List<String> entries) {
    Map<String, Float> plays = new LinkedHashMap<>();
    for (String entry : entries) {
      String trimmed = entry.trim();
      int colon = trimmed.lastIndexOf(':');
      String item = colon < 0 ? trimmed : trimmed.substring(0, colon);
      float value = 1f;
      if (colon >= 0) {
        String number = trimmed.substring(colon + 1);
        try {
          value = Float.parseFloat(number);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--played '" + entry + "': play count '" + number + "' is not a number");
        }
      }
      if (item.isEmpty()) {
        throw new IllegalArgumentException("--played '" + entry + "' has no item ID");
      }
      if (!Float.isFinite(value) || value <= 0) {
        throw new IllegalArgumentException("--played '" + entry + "': play count must be finite and > 0");
      }
      plays.merge(item, value, Float::sum);
    }
    return plays;
  }

  static void requirePositive(int value, String option) {
    if (value < 1) {
      throw new IllegalArgumentException(option + " " + value + " must be >= 1");
    }
  }

  /** The ranked rows, with a name column when {@code names} has any (--names). */
  static void printRanked(PrintWriter out, String what, List<Map.Entry<String, Float>> rows, Map<String, String> names) {
    boolean named = !names.isEmpty();
    out.printf(Locale.ROOT, "%4s  %-24s %10s%s%n", "rank", what, "score", named ? "  name" : "");
    int rank = 1;
    for (Map.Entry<String, Float> row : rows) {
      out.printf(Locale.ROOT, "%4d  %-24s %10.4f%s%n", rank++, row.getKey(), row.getValue(),
          named ? "  " + names.getOrDefault(row.getKey(), "") : "");
    }
    out.flush();
  }
}
