package dev.encore.content;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The genre precision@k of several ways to find similar tracks on one labelled catalogue, and
 * what the cross-validated learned metric chose and weighs.
 *
 * @param tracks labelled tracks evaluated
 * @param genres distinct genres
 * @param k list length
 * @param folds outer cross-validation folds of the learned metric
 * @param methods each method's precision@k, in the order run
 * @param foldChoices the settings each outer fold's inner cross-validation chose
 * @param featureWeights every feature's effective weight in the learned metric (the diagonal of
 *     {@code M}, scaled to mean 1 over the features tracks have), averaged over folds, largest first
 * @param groupShares each group's share of the summed effective weight
 */
public record GenreEvaluationReport(int tracks, int genres, int k, int folds, List<Method> methods,
    List<FoldChoice> foldChoices, List<FeatureWeight> featureWeights, Map<FeatureGroup, Double> groupShares) {

  public static final String RANDOM = "random";
  public static final String PLAIN_COSINE = "plain-cosine";
  public static final String ROBUST_COSINE = "robust-cosine";
  public static final String LEARNED_METRIC = "learned-metric";

  public GenreEvaluationReport {
    methods = List.copyOf(methods);
    foldChoices = List.copyOf(foldChoices);
    featureWeights = List.copyOf(featureWeights);
    groupShares = Map.copyOf(groupShares);
  }

  /** One way of finding similar tracks and its precision@k. */
  public record Method(String name, double precision, String description) {
  }

  /** What the inner cross-validation of one outer fold picked, and how it did. */
  public record FoldChoice(int fold, int heldOutTracks, double shrinkage, double power, double innerPrecision,
      double heldOutPrecision) {
  }

  /** A feature's effective weight in the learned metric. */
  public record FeatureWeight(String feature, FeatureGroup group, double weight) {
  }

  /** The precision of the method named {@code name}. */
  public double precision(String name) {
    return methods.stream().filter(method -> method.name().equals(name)).findFirst()
        .orElseThrow(() -> new NoSuchElementException("no method '" + name + "' in " + methods))
        .precision();
  }
}
