package dev.encore.content;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Leave-one-out genre precision@k of content similarity on a catalogue whose genre tags are the
 * truth (GTZAN): every labelled track queries the whole catalogue but itself; tags are never used,
 * since the genre is the answer. Compares the expected precision of random lists, plain cosine
 * on textbook z-scores, Encore's robust z-scores, and a {@link MetricLearner} metric learned by
 * k-fold cross-validation: for each outer fold the scaler and metric are learned from the other
 * folds only, the metric's settings are picked by an inner cross-validation inside those folds,
 * and the fold's tracks are then queried against the whole catalogue. No evaluated track's genre
 * is seen by the metric that ranks its neighbours.
 */
public final class GenreEvaluation {

  /**
   * @param k list length
   * @param folds outer folds
   * @param innerFolds folds of the inner search over {@code candidates}
   * @param seed seed of the fold assignment
   * @param candidates the metric settings the inner search picks from
   * @param derivedFeatures features computed from others (GTZAN's loudness from RMS), left out of
   *     the plain-cosine baseline so it sees exactly the source's own columns
   */
  public record Settings(int k, int folds, int innerFolds, long seed, List<MetricLearner> candidates,
      Set<String> derivedFeatures) {
    public Settings {
      candidates = List.copyOf(candidates);
      derivedFeatures = Set.copyOf(derivedFeatures);
      if (k < 1 || folds < 2 || innerFolds < 2 || candidates.isEmpty()) {
        throw new IllegalArgumentException("need k >= 1, folds >= 2, inner folds >= 2 and a candidate metric; got k "
            + k + ", folds " + folds + ", inner folds " + innerFolds + ", " + candidates.size() + " candidates");
      }
    }

    /** k 10, 10 folds, 4 inner folds, shrinkage 0.1/0.2/0.4 by power 0/0.25/0.5. */
    public static Settings defaults() {
      List<MetricLearner> grid = new ArrayList<>();
      for (double shrinkage : new double[] {0.1, 0.2, 0.4}) {
        for (double power : new double[] {0, 0.25, 0.5}) {
          grid.add(new MetricLearner(shrinkage, power));
        }
      }
      return new Settings(10, 10, 4, 1, grid, Set.of());
    }

    public Settings withDerivedFeatures(Set<String> derived) {
      return new Settings(k, folds, innerFolds, seed, candidates, derived);
    }

    public Settings withFolds(int outer, int inner) {
      return new Settings(k, outer, inner, seed, candidates, derivedFeatures);
    }

    public Settings withCandidates(List<MetricLearner> grid) {
      return new Settings(k, folds, innerFolds, seed, grid, derivedFeatures);
    }
  }

  private GenreEvaluation() {
  }

  /** Runs every method on the tracks of {@code catalogue} that have a genre (the first one counts). */
  public static GenreEvaluationReport run(FeatureTable catalogue, Settings settings) {
    Map<String, Integer> genreIds = new HashMap<>();
    int[] classes = new int[catalogue.trackCount()];
    BitSet labelled = new BitSet();
    for (int track = 0; track < classes.length; track++) {
      List<String> genres = catalogue.genres(track);
      classes[track] = genres.isEmpty() ? -1 : genreIds.computeIfAbsent(genres.get(0), added -> genreIds.size());
      if (classes[track] >= 0) {
        labelled.set(track);
      }
    }
    if (genreIds.size() < 2 || labelled.cardinality() < settings.folds() * 2) {
      throw new IllegalArgumentException("genre evaluation needs tracks of at least 2 genres and 2 per fold; the "
          + "catalogue has " + labelled.cardinality() + " tracks with a genre in " + genreIds.size() + " genres");
    }
    int[] queries = labelled.stream().toArray();
    int[] labelledClasses = Arrays.stream(queries).map(track -> classes[track]).toArray();
    List<GenreEvaluationReport.Method> methods = new ArrayList<>();
    methods.add(new GenreEvaluationReport.Method(GenreEvaluationReport.RANDOM,
        GenrePrecision.expectedAtRandom(labelledClasses), "expected precision of random lists"));

    FeatureScaler standard = FeatureScaler.standard(catalogue);
    float[] plainWeights = new float[catalogue.featureCount()];
    int sourceFeatures = 0;
    for (int f = 0; f < plainWeights.length; f++) {
      String name = catalogue.featureNames().get(f);
      boolean source = !settings.derivedFeatures().contains(name) && hasValues(catalogue, f);
      plainWeights[f] = source ? 1f : 0f;
      sourceFeatures += source ? 1 : 0;
    }
    ContentSimilarity plain = ContentSimilarity.of(catalogue, standard,
        SimilarityMetric.weighted(standard.featureNames(), plainWeights), 0f);
    methods.add(new GenreEvaluationReport.Method(GenreEvaluationReport.PLAIN_COSINE,
        GenrePrecision.atK(plain, classes, settings.k(), queries, labelled),
        "cosine of mean/sd z-scores of the source's " + sourceFeatures + " features, equal weights"));

    ContentSimilarity robust = ContentSimilarity.of(catalogue, FeatureWeights.equal(), 0f);
    methods.add(new GenreEvaluationReport.Method(GenreEvaluationReport.ROBUST_COSINE,
        GenrePrecision.atK(robust, classes, settings.k(), queries, labelled),
        "cosine of Encore's robust z-scores (median/IQR, log for skewed, clip 4), equal weights"));

    CrossValidation learned = crossValidate(catalogue, classes, queries, labelled, settings);
    methods.add(new GenreEvaluationReport.Method(GenreEvaluationReport.LEARNED_METRIC, learned.precision,
        "Encore's learned metric, " + settings.folds() + "-fold cross-validated (settings picked by "
            + settings.innerFolds() + "-fold inner search)"));
    return new GenreEvaluationReport(queries.length, genreIds.size(), settings.k(), settings.folds(), methods,
        learned.choices, learned.weights, learned.groupShares);
  }

  private record CrossValidation(double precision, List<GenreEvaluationReport.FoldChoice> choices,
      List<GenreEvaluationReport.FeatureWeight> weights, Map<FeatureGroup, Double> groupShares) {
  }

  private static CrossValidation crossValidate(FeatureTable catalogue, int[] classes, int[] labelled,
      BitSet allLabelled, Settings settings) {
    int[][] folds = split(labelled, settings.folds(), new SplittableRandom(settings.seed()));
    List<String> names = catalogue.featureNames();
    double[] summedWeights = new double[names.size()];
    List<GenreEvaluationReport.FoldChoice> choices = new ArrayList<>();
    double hits = 0;
    for (int fold = 0; fold < folds.length; fold++) {
      int[] heldOut = folds[fold];
      int[] training = without(labelled, heldOut);
      FeatureScaler scaler = FeatureScaler.learn(catalogue.select(idsOf(catalogue, training)));
      float[] scaled = scaler.scale(catalogue);
      int[][] innerFolds = split(training, settings.innerFolds(), new SplittableRandom(settings.seed() + 1 + fold));
      BitSet trainingSet = bitSetOf(training);
      MetricLearner best = null;
      double bestInner = -1;
      for (MetricLearner candidate : settings.candidates()) {
        double innerHits = 0;
        for (int[] inner : innerFolds) {
          SimilarityMetric metric = candidate.learn(names, scaled, classes, without(training, inner));
          ContentSimilarity similarity = ContentSimilarity.of(catalogue, scaler, metric, 0f);
          innerHits += GenrePrecision.atK(similarity, classes, settings.k(), inner, trainingSet) * inner.length;
        }
        double innerPrecision = innerHits / training.length;
        if (innerPrecision > bestInner) {
          bestInner = innerPrecision;
          best = candidate;
        }
      }
      SimilarityMetric metric = best.learn(names, scaled, classes, training);
      ContentSimilarity similarity = ContentSimilarity.of(catalogue, scaler, metric, 0f);
      double heldOutPrecision = GenrePrecision.atK(similarity, classes, settings.k(), heldOut, allLabelled);
      hits += heldOutPrecision * heldOut.length;
      choices.add(new GenreEvaluationReport.FoldChoice(fold + 1, heldOut.length, best.shrinkage(), best.power(),
          bestInner, heldOutPrecision));
      addNormalised(metric.featureWeights(), summedWeights);
    }
    return new CrossValidation(hits / labelled.length, choices, weightsOf(names, summedWeights, folds.length),
        groupShares(names, summedWeights));
  }

  private static boolean hasValues(FeatureTable table, int feature) {
    for (int track = 0; track < table.trackCount(); track++) {
      if (!Float.isNaN(table.value(track, feature))) {
        return true;
      }
    }
    return false;
  }

  /** Adds {@code weights} scaled to mean 1 over the features with a weight. */
  private static void addNormalised(float[] weights, double[] sums) {
    double total = 0;
    int active = 0;
    for (float weight : weights) {
      total += weight;
      active += weight > 0 ? 1 : 0;
    }
    for (int f = 0; f < weights.length && total > 0; f++) {
      sums[f] += weights[f] * active / total;
    }
  }

  private static List<GenreEvaluationReport.FeatureWeight> weightsOf(List<String> names, double[] sums, int folds) {
    List<GenreEvaluationReport.FeatureWeight> weights = new ArrayList<>();
    for (int f = 0; f < names.size(); f++) {
      if (sums[f] > 0) {
        weights.add(new GenreEvaluationReport.FeatureWeight(names.get(f), FeatureGroup.of(names.get(f)),
            sums[f] / folds));
      }
    }
    weights.sort(Comparator.comparingDouble(GenreEvaluationReport.FeatureWeight::weight).reversed());
    return weights;
  }

  private static Map<FeatureGroup, Double> groupShares(List<String> names, double[] sums) {
    Map<FeatureGroup, Double> shares = new EnumMap<>(FeatureGroup.class);
    double total = Arrays.stream(sums).sum();
    for (int f = 0; f < names.size(); f++) {
      if (sums[f] > 0) {
        shares.merge(FeatureGroup.of(names.get(f)), sums[f] / total, Double::sum);
      }
    }
    return shares;
  }

  private static int[][] split(int[] tracks, int folds, SplittableRandom random) {
    int[] shuffled = tracks.clone();
    for (int i = shuffled.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = swap;
    }
    int[][] result = new int[folds][];
    for (int fold = 0; fold < folds; fold++) {
      int from = (int) ((long) shuffled.length * fold / folds);
      int to = (int) ((long) shuffled.length * (fold + 1) / folds);
      result[fold] = Arrays.copyOfRange(shuffled, from, to);
      Arrays.sort(result[fold]);
    }
    return result;
  }

  private static int[] without(int[] tracks, int[] removed) {
    BitSet drop = bitSetOf(removed);
    return Arrays.stream(tracks).filter(track -> !drop.get(track)).toArray();
  }

  private static BitSet bitSetOf(int[] tracks) {
    BitSet set = new BitSet();
    for (int track : tracks) {
      set.set(track);
    }
    return set;
  }

  private static List<String> idsOf(FeatureTable table, int[] tracks) {
    List<String> ids = new ArrayList<>(tracks.length);
    for (int track : tracks) {
      ids.add(table.tracks().idOf(track));
    }
    return ids;
  }
}
