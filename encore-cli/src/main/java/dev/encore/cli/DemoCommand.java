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
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

  @Option(names = "--json", description = "Print one JSON object: the catalogue, the settings, the held-out metrics,"
      + " the model file and the listeners shown with their recommendations and explanations.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = json ? new PrintWriter(new StringWriter()) : spec.commandLine().getOut();
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
    List<ListenerView> shown = listenersShown(model, generator.catalogue());
    if (json) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("catalogue", Map.of("listeners", synthConfig.listeners(), "tracks", synthConfig.tracks(),
          "genres", synthConfig.genres(), "seed", synthConfig.seed()));
      report.put("settings", Settings.describe(config));
      report.put("train", JsonOutput.sizes(split.train()));
      report.put("test", JsonOutput.sizes(split.test()));
      report.put("fitSeconds", outcome.fitSeconds());
      report.put("models", outcome.metricsByModel());
      report.put("model", output.toString());
      report.put("listeners", shown);
      JsonOutput.print(spec.commandLine().getOut(), report);
    } else {
      shown.forEach(listener -> print(out, listener));
      out.flush();
    }
    return 0;
  }

  /** A listener the demo shows: what they played most and what the model recommends them, and why the first. */
  record ListenerView(String userId, int tracksPlayed, Map<String, Integer> favouriteGenres,
      List<RecommendedTrack> recommendations, Explanation because) {}

  record RecommendedTrack(String trackId, String genre, String mood, double score) {}

  private List<ListenerView> listenersShown(FactorModel model, TrackCatalogue catalogue) {
    int users = model.users().size();
    List<ListenerView> shown = new ArrayList<>();
    for (int each = 0; each < Math.min(listenersShown, users); each++) {
      int user = (int) ((long) each * users / Math.max(listenersShown, 1));
      String userId = model.users().idOf(user);
      List<RecommendedTrack> recommended = new ArrayList<>();
      for (Recommendation recommendation : model.recommend(userId, 5, RecommendOptions.DEFAULT)) {
        int track = catalogue.track(recommendation.itemId());
        recommended.add(new RecommendedTrack(recommendation.itemId(), catalogue.genre(track), catalogue.mood(track),
            recommendation.score()));
      }
      Explanation why = recommended.isEmpty() ? null : model.explain(userId, recommended.get(0).trackId(), 3);
      shown.add(new ListenerView(userId, model.played().rowLength(user), favouriteGenres(model, user, catalogue),
          recommended, why));
    }
    return shown;
  }

  private static void print(PrintWriter out, ListenerView listener) {
    String genres = listener.favouriteGenres().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
        .toList().toString();
    out.printf(Locale.ROOT, "%n== Listener %s played %d tracks; favourite genres: %s%n", listener.userId(),
        listener.tracksPlayed(), genres);
    for (RecommendedTrack track : listener.recommendations()) {
      out.printf(Locale.ROOT, "   %-10s %-12s %-10s score %.3f%n", track.trackId(), track.genre(), track.mood(),
          track.score());
    }
    if (listener.because() != null) {
      out.print("   because: ");
      ExplainCommand.print(out, listener.because());
    }
  }

  /**
   * The listener's three most played genres with their track counts, most first. The model's item
   * indices are its own, not the catalogue's: each played track is looked up by its ID.
   */
  static Map<String, Integer> favouriteGenres(FactorModel model, int user, TrackCatalogue catalogue) {
    Csr played = model.played();
    Map<String, Integer> counts = new TreeMap<>();
    for (int p = played.rowStart(user); p < played.rowEnd(user); p++) {
      counts.merge(catalogue.genre(catalogue.track(model.items().idOf(played.indices()[p]))), 1, Integer::sum);
    }
    Map<String, Integer> top = new LinkedHashMap<>();
    counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(3)
        .forEach(e -> top.put(e.getKey(), e.getValue()));
    return top;
  }
}
