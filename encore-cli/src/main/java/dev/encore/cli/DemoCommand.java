package dev.encore.cli;

import dev.encore.als.AlsConfig;
import dev.encore.data.Csr;
import dev.encore.data.Interactions;
import dev.encore.eval.RandomSplitter;
import dev.encore.eval.Split;
import dev.encore.model.Explanation;
import dev.encore.model.FactorModel;
import dev.encore.model.ModelFile;
import dev.encore.model.RecommendOptions;
import dev.encore.model.Recommendation;
import dev.encore.synth.PlayGenerator;
import dev.encore.synth.SynthConfig;
import dev.encore.synth.TrackCatalogue;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code encore demo}: the whole path on a synthetic catalogue. Generate listeners and tracks,
 * hold out 20% of the plays, train ALS, score it against popularity, then show a few listeners'
 * tastes, their recommendations and why each was made.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Generate a synthetic catalogue, train, evaluate, and print recommendations with explanations.")
final class DemoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  SynthOptions synth;

  @Mixin
  AlsOptions als;

  @Option(names = "--listeners-shown", description = "Listeners to show recommendations for (default: ${DEFAULT-VALUE}).")
  int listenersShown = 3;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to save the trained model (default: ${DEFAULT-VALUE}).")
  Path output = Path.of("encore-data", "demo.encore");

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    SynthConfig synthConfig = synth.toConfig();
    AlsConfig config = als.toConfig();
    PlayGenerator generator = new PlayGenerator(synthConfig);
    out.printf(Locale.ROOT, "== 1. Generating %,d listeners x %,d tracks (%d genres, seed %d)%n",
        synthConfig.listeners(), synthConfig.tracks(), synthConfig.genres(), synthConfig.seed());
    out.flush();
    Interactions plays = SynthOptions.interactions(generator, System.err);
    out.printf(Locale.ROOT, "   %s, %,.0f plays in all%n", plays, plays.totalValue());

    Split split = new RandomSplitter(0.2, 1).split(plays);
    out.printf(Locale.ROOT, "== 2. Training ALS on 80%% (%,d entries): %s%n", split.train().nnz(), Settings.asOptions(config));
    out.flush();
    ModelEvaluation.Outcome outcome = ModelEvaluation.run(config, split, 10, System.err);
    out.printf(Locale.ROOT, "   fit in %.2f s%n", outcome.fitSeconds());
    out.printf(Locale.ROOT, "== 3. Ranking quality on the held-out 20%% (%,d entries)%n", split.test().nnz());
    ModelEvaluation.printMetrics(out, outcome.metricsByModel());

    FactorModel model = outcome.als();
    ModelFile.save(model, output);
    out.printf(Locale.ROOT, "== 4. Saved the model to %s; try: bin/encore recommend --model %s --user %s%n", output,
        output, model.users().idOf(0));
    showListeners(out, model, generator.catalogue());
    return 0;
  }

  private void showListeners(PrintWriter out, FactorModel model, TrackCatalogue catalogue) {
    int users = model.users().size();
    for (int shown = 0; shown < Math.min(listenersShown, users); shown++) {
      int user = (int) ((long) shown * users / Math.max(listenersShown, 1));
      String userId = model.users().idOf(user);
      out.printf(Locale.ROOT, "%n== Listener %s played %d tracks; favourite genres: %s%n", userId,
          model.played().rowLength(user), topGenres(model, user, catalogue));
      List<Recommendation> recommendations = model.recommend(userId, 5, RecommendOptions.DEFAULT);
      for (Recommendation recommendation : recommendations) {
        out.printf(Locale.ROOT, "   %-10s %-12s %-10s score %.3f%n", recommendation.itemId(),
            catalogue.genre(catalogue.track(recommendation.itemId())),
            catalogue.mood(catalogue.track(recommendation.itemId())), recommendation.score());
      }
      if (!recommendations.isEmpty()) {
        Explanation why = model.explain(userId, recommendations.get(0).itemId(), 3);
        out.print("   because: ");
        ExplainCommand.print(out, why);
      }
    }
    out.flush();
  }

  /** The model's item indices are its own, not the catalogue's: each played track is looked up by its ID. */
  static String topGenres(FactorModel model, int user, TrackCatalogue catalogue) {
    Csr played = model.played();
    Map<String, Integer> counts = new TreeMap<>();
    for (int p = played.rowStart(user); p < played.rowEnd(user); p++) {
      counts.merge(catalogue.genre(catalogue.track(model.items().idOf(played.indices()[p]))), 1, Integer::sum);
    }
    return counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(3)
        .map(e -> e.getKey() + " (" + e.getValue() + ")").toList().toString();
  }
}
