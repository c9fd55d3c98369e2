package dev.encore.hybrid;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.als.TrainingListener;
import dev.encore.content.ContentRecommender;
import dev.encore.content.FeatureTable;
import dev.encore.content.ItemFeatures;
import dev.encore.data.Csr;
import dev.encore.data.IdIndex;
import dev.encore.data.Interactions;
import dev.encore.data.InteractionsBuilder;
import dev.encore.eval.MetricReport;
import dev.encore.eval.RandomRecommender;
import dev.encore.eval.RankingEvaluator;
import dev.encore.model.FactorModel;
import dev.encore.model.Recommender;
import dev.encore.model.TrainedRecommender;
import dev.encore.popular.PopularityRecommender;
import dev.encore.synth.InteractionsSink;
import dev.encore.synth.PlayGenerator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * How well brand-new tracks reach the listeners who will play them. On a synthetic catalogue
 * (whose tracks' features follow their genre and mood, which drive the listeners' tastes), a
 * share of the tracks is held out entirely, every play of them with it, as if released after
 * training. ALS is trained on the rest; the held-out tracks then get factors from the feature
 * regression ({@link NewTracks}) and each method ranks tracks for every listener who really played
 * a new one. Recall at k is the share of a listener's new tracks found in their top k.
 *
 * <p>Two candidate sets: every track the listener did not play in training (warm and new: a new
 * track has to earn its place among the whole catalogue), and the new tracks alone (which of
 * the releases suits this listener). The methods: the cold-start ALS path, the content taste
 * profile, their hybrid blend, popularity (which knows nothing of a track nobody has played:
 * new tracks all score 0) and random.
 */
public final class ColdStartEvaluation {
  private ColdStartEvaluation() {}

  /**
   * @param newTrackShare the share of tracks held out as new, in (0, 1)
   * @param k the cut-off of the ranking metrics (recall@k is the headline)
   * @param ridge the ridge penalty of the item-factor regression
   * @param blend the hybrid's weights
   * @param seed picks the new tracks and seeds the random baseline
   * @param threads evaluation threads
   */
  public record Settings(double newTrackShare, int k, double ridge, Blend blend, long seed, int threads) {
    public Settings {
      if (!(newTrackShare > 0 && newTrackShare < 1)) {
        throw new IllegalArgumentException("new-track share " + newTrackShare + " must be strictly between 0 and 1");
      }
      if (k < 1) {
        throw new IllegalArgumentException("k " + k + " must be >= 1");
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads " + threads + " must be >= 1");
      }
    }

    /** 10% new tracks, recall@50, the default ridge and blend. */
    public static Settings defaults(int threads) {
      return new Settings(0.1, 50, NewTracks.DEFAULT_RIDGE, Blend.DEFAULT, 1, threads);
    }
  }

  /**
   * The sizes and, per method (cold-start als, content, hybrid, popularity, random), the metrics
   * among all unplayed tracks, and among the new tracks only (popularity left out: it scores every
   * new track 0, so their order there would be the tie-break's, not popularity's).
   */
  public record Result(int tracks, int newTracks, int trainPlays, int newTrackPlays, long listeners,
      Map<String, MetricReport> amongAll, Map<String, MetricReport> amongNew) {}

  public static Result run(PlayGenerator generator, FeatureTable scaledFeatures, AlsConfig config, Settings settings,
      TrainingListener listener) {
    InteractionsBuilder all = new InteractionsBuilder();
    generator.generate(new InteractionsSink(all, generator));
    return run(all.build(), scaledFeatures, config, settings, listener);
  }

  /**
   * As for a synthetic catalogue, on any plays and features, such as one's own: the tracks held
   * out as new are drawn among those that have plays and features (a track without features could
   * not be placed at all); the others' plays train ALS.
   */
  public static Result run(Interactions plays, FeatureTable scaledFeatures, AlsConfig config, Settings settings,
      TrainingListener listener) {
    List<String> candidates = plays.items().ids().stream().filter(scaledFeatures.tracks()::contains).toList();
    if (candidates.size() < 2) {
      throw new IllegalArgumentException("only " + candidates.size() + " of the " + plays.items().size()
          + " played tracks have features: a cold-start evaluation needs at least 2 to hold some out as new");
    }
    boolean[] picked = pickNewTracks(candidates.size(), settings.newTrackShare(), settings.seed());
    Set<String> newSet = new HashSet<>();
    List<String> newIds = new ArrayList<>();
    for (int c = 0; c < candidates.size(); c++) {
      if (picked[c]) {
        newSet.add(candidates.get(c));
      }
    }
    InteractionsBuilder warmPlays = new InteractionsBuilder();
    List<NewPlay> newPlays = new ArrayList<>();
    Csr matrix = plays.userItems();
    for (int user = 0; user < matrix.rows(); user++) {
      String userId = plays.users().idOf(user);
      for (int p = matrix.rowStart(user); p < matrix.rowEnd(user); p++) {
        String trackId = plays.items().idOf(matrix.indices()[p]);
        if (newSet.contains(trackId)) {
          newPlays.add(new NewPlay(userId, trackId, matrix.values()[p]));
        } else {
          warmPlays.add(userId, trackId, matrix.values()[p]);
        }
      }
    }
    // Catalogue order, as the synthetic generator and a store both list them.
    plays.items().ids().stream().filter(newSet::contains).forEach(newIds::add);
    Interactions train = warmPlays.build();
    FactorModel warmModel = new AlsTrainer(config).fit(train, listener);

    List<String> catalogueOrder = new ArrayList<>(train.items().ids().stream()
        .filter(scaledFeatures.tracks()::contains).toList());
    catalogueOrder.addAll(newIds);
    FeatureTable known = scaledFeatures.select(catalogueOrder);
    FactorModel model = NewTracks.addTo(warmModel, known, settings.ridge()).model();
    Interactions trainAll = Interactions.of(model.users(), model.items(), model.played(), null);
    Interactions test = newTrackPlays(trainAll, newPlays);

    ContentRecommender content = new ContentRecommender(trainAll, ItemFeatures.align(model.items(), scaledFeatures),
        config.confidence());
    PopularityRecommender popularity = new PopularityRecommender(trainAll);
    Map<String, Recommender> methods = new LinkedHashMap<>();
    methods.put("cold-start als", model);
    methods.put("content", content);
    methods.put("hybrid", new HybridSources(model, content, popularity).blend(settings.blend()));
    methods.put("popularity", popularity);
    methods.put("random", new RandomRecommender(trainAll, settings.seed()));

    IdIndex newItems = IdIndex.of(model.items().kind(), newIds);
    int firstNew = train.items().size();
    Interactions noneOfTheNew = Interactions.of(model.users(), newItems,
        new Csr(model.users().size(), newIds.size(), new int[model.users().size() + 1], new int[0], new float[0]), null);
    Interactions testOfNew = Interactions.of(model.users(), newItems,
        new Csr(test.userItems().rows(), newIds.size(), test.userItems().indptr(), shift(test.userItems().indices(),
            -firstNew), test.userItems().values()), null);

    Map<String, MetricReport> amongAll = new LinkedHashMap<>();
    Map<String, MetricReport> amongNew = new LinkedHashMap<>();
    for (Map.Entry<String, Recommender> method : methods.entrySet()) {
      amongAll.put(method.getKey(),
          RankingEvaluator.evaluate(method.getValue(), trainAll, test, settings.k(), settings.threads()));
      // Every new track has popularity 0, so among them popularity has no order of its own to show.
      if (method.getValue() != popularity) {
        amongNew.put(method.getKey(), RankingEvaluator.evaluate(new TailItems(method.getValue(), noneOfTheNew,
            firstNew), noneOfTheNew, testOfNew, settings.k(), settings.threads()));
      }
    }
    long listeners = amongAll.get("random").users();
    return new Result(plays.items().size(), newIds.size(), train.nnz(), test.nnz(), listeners, amongAll, amongNew);
  }

  /** {@code round(share * tracks)} tracks (at least one) chosen uniformly with the seed. */
  static boolean[] pickNewTracks(int tracks, double share, long seed) {
    int count = (int) Math.max(1, Math.min(tracks - 1, Math.round(share * tracks)));
    int[] order = new int[tracks];
    for (int track = 0; track < tracks; track++) {
      order[track] = track;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = tracks - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    boolean[] isNew = new boolean[tracks];
    for (int i = 0; i < count; i++) {
      isNew[order[i]] = true;
    }
    return isNew;
  }

  /**
   * The held-out plays over the extended model's listeners and tracks. Listeners who played only
   * new tracks are not in the model (they are cold listeners, another problem) and are left out.
   */
  private static Interactions newTrackPlays(Interactions trainAll, List<NewPlay> newPlays) {
    IdIndex.Builder users = new IdIndex.Builder(trainAll.users().kind());
    trainAll.users().ids().forEach(users::intern);
    IdIndex.Builder items = new IdIndex.Builder(trainAll.items().kind());
    trainAll.items().ids().forEach(items::intern);
    InteractionsBuilder test = new InteractionsBuilder(users, items);
    for (NewPlay play : newPlays) {
      int user = trainAll.users().find(play.userId());
      if (user >= 0) {
        test.addIndexed(user, trainAll.items().indexOf(play.trackId()), play.value());
      }
    }
    return test.build();
  }

  /** A play of a track held out as new. */
  private record NewPlay(String userId, String trackId, float value) {}

  private static int[] shift(int[] indices, int offset) {
    int[] shifted = new int[indices.length];
    for (int p = 0; p < indices.length; p++) {
      shifted[p] = indices[p] + offset;
    }
    return shifted;
  }

  /**
   * A recommender seen through its last items only (the new tracks, which the extension appends
   * after the warm ones), so the evaluator ranks the new tracks among themselves.
   */
  private static final class TailItems extends TrainedRecommender {
    private final Recommender full;
    private final int first;

    TailItems(Recommender full, Interactions view, int first) {
      super(view);
      this.full = full;
      this.first = first;
    }

    @Override
    public void scoreAll(int user, float[] scores) {
      float[] all = new float[full.items().size()];
      full.scoreAll(user, all);
      System.arraycopy(all, first, scores, 0, train.items().size());
    }
  }
}
