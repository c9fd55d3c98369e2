package dev.encore.hybrid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The weights of the hybrid's three sources and how their scores are normalised before they are
 * added: {@code score = als * n(ALS) + content * n(content) + popularity * n(popularity)}.
 * Weights are finite and >= 0, at least one positive; only their ratios matter for the ranking.
 */
public record Blend(double als, double content, double popularity, ScoreNormalization normalization) {

  /**
   * Tuned on validation splits of the synthetic {@code small} catalogue (README, "Hybrid and cold
   * start"): the weights {@code encore tune --strategy hybrid} picks there.
   */
  public static final Blend DEFAULT = new Blend(0.5, 1.0, 0.5, ScoreNormalization.Z_SCORE);

  /** The default search's values of each weight and normalisation; see {@link #defaultGrid()}. */
  public static final List<Double> GRID_ALS = List.of(0.0, 0.5, 1.0);
  public static final List<Double> GRID_CONTENT = List.of(0.0, 0.5, 1.0, 2.0);
  public static final List<Double> GRID_POPULARITY = List.of(0.0, 0.25, 0.5, 1.0);
  public static final List<ScoreNormalization> GRID_NORMALIZATIONS = List.of(ScoreNormalization.Z_SCORE);

  public Blend {
    requireWeight("als", als);
    requireWeight("content", content);
    requireWeight("popularity", popularity);
    if (als + content + popularity == 0) {
      throw new IllegalArgumentException("blend weights are all 0: at least one source must count");
    }
    if (normalization == null) {
      throw new IllegalArgumentException("blend normalization must be given");
    }
  }

  private static void requireWeight(String source, double weight) {
    if (!(weight >= 0) || !Double.isFinite(weight)) {
      throw new IllegalArgumentException(source + " weight " + weight + " must be finite and >= 0");
    }
  }

  /**
   * Parses {@code "ALS,CONTENT,POPULARITY"}, e.g. {@code "1,0.5,0.1"}, with the given normalisation.
   */
  public static Blend parse(String weights, ScoreNormalization normalization) {
    String[] parts = weights.split(",", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("blend weights '" + weights
          + "' must be three comma-separated numbers: als,content,popularity (e.g. 1,0.5,0.1)");
    }
    double[] values = new double[3];
    String[] names = {"als", "content", "popularity"};
    for (int i = 0; i < 3; i++) {
      try {
        values[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(names[i] + " weight '" + parts[i].trim() + "' in '" + weights
            + "' is not a number");
      }
    }
    return new Blend(values[0], values[1], values[2], normalization);
  }

  /**
   * Every combination of the given weights and normalisations, all-zero combinations left out, in a
   * fixed order (normalisation, then als, content, popularity).
   */
  public static List<Blend> grid(List<Double> als, List<Double> content, List<Double> popularity,
      List<ScoreNormalization> normalizations) {
    List<Blend> blends = new ArrayList<>();
    for (ScoreNormalization normalization : normalizations) {
      for (double a : als) {
        for (double c : content) {
          for (double p : popularity) {
            if (a + c + p > 0) {
              blends.add(new Blend(a, c, p, normalization));
            }
          }
        }
      }
    }
    if (blends.isEmpty()) {
      throw new IllegalArgumentException("every blend in the grid has all weights 0");
    }
    return blends;
  }

  /**
   * The search {@code encore tune --strategy hybrid} runs by default: 47 blends of ALS 0 to 1,
   * content 0 to 2 and popularity 0 to 1 under z-scores (on the synthetic data rank normalisation
   * never won; {@code --normalization-grid z-score,rank} compares both).
   */
  public static List<Blend> defaultGrid() {
    return grid(GRID_ALS, GRID_CONTENT, GRID_POPULARITY, GRID_NORMALIZATIONS);
  }

  /** As {@code encore} options: {@code --weights 1,0.5,0 --normalization z-score}. */
  public String asOptions() {
    return String.format(Locale.ROOT, "--weights %s,%s,%s --normalization %s", number(als), number(content),
        number(popularity), normalization);
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "als %s, content %s, popularity %s (%s)", number(als), number(content),
        number(popularity), normalization);
  }
}
