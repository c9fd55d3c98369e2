package dev.encore.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * When a version that just became ready replaces the serving one: when its held-out
 * {@code metric} is not worse than the serving version's by more than {@code tolerance}, a share
 * of the serving value (0.02: at most 2% worse). Higher is better for every metric but
 * {@code epr}, where lower is. A version without the metric (not evaluated), or with nothing
 * serving or the serving version lacking it, is promoted: there is nothing to hold it back by.
 * While a version is pinned nothing is promoted automatically.
 *
 * <p>The value is read from the version's metrics JSON at {@code als.<metric>} (a training's
 * evaluation), else {@code metrics.<metric>} (the Spark job's evaluation.json), else
 * {@code <metric>} at the top (metrics sent with an install); {@code "evaluated": false} means none.
 */
public record PromotionPolicy(String metric, double tolerance) {
  public static final String DEFAULT_METRIC = "precision@10";
  public static final double DEFAULT_TOLERANCE = 0.02;
  private static final Pattern METRIC_NAMES =
      Pattern.compile("(precision|recall|map|ndcg|auc|hitrate|coverage)@[1-9][0-9]{0,3}|epr");
  private static final ObjectMapper JSON = new ObjectMapper();

  public PromotionPolicy {
    if (metric == null || !METRIC_NAMES.matcher(metric).matches()) {
      throw new IllegalArgumentException("promotion metric '" + metric + "' must be one of precision@K, recall@K,"
          + " map@K, ndcg@K, auc@K, hitrate@K, coverage@K (K the evaluation's cut-off, 10 by default) or epr");
    }
    if (!(tolerance >= 0 && tolerance < 1)) {
      throw new IllegalArgumentException("promotion tolerance " + tolerance + " must be in [0, 1): the share of the"
          + " serving version's " + metric + " a new version may fall short by, e.g. 0.02");
    }
  }

  /** precision@10, 2% tolerance. */
  public static PromotionPolicy defaults() {
    return new PromotionPolicy(DEFAULT_METRIC, DEFAULT_TOLERANCE);
  }

  public boolean lowerIsBetter() {
    return metric.equals("epr");
  }

  /** The metric's value in a version's metrics JSON, if it has one. */
  public OptionalDouble valueIn(String metricsJson) {
    if (metricsJson == null || metricsJson.isBlank()) {
      return OptionalDouble.empty();
    }
    JsonNode metrics;
    try {
      metrics = JSON.readTree(metricsJson);
    } catch (JsonProcessingException e) {
      return OptionalDouble.empty();
    }
    if (metrics == null || !metrics.isObject() || !metrics.path("evaluated").asBoolean(true)) {
      return OptionalDouble.empty();
    }
    for (JsonNode place : new JsonNode[] {metrics.path("als"), metrics.path("metrics"), metrics}) {
      JsonNode value = place.path(metric);
      if (value.isNumber() && Double.isFinite(value.asDouble())) {
        return OptionalDouble.of(value.asDouble());
      }
    }
    return OptionalDouble.empty();
  }

  /**
   * The decision for {@code candidateVersion} with {@code candidateMetrics}, given what serves now
   * ({@code serving} is the serving version's record, null when none serves).
   */
  Promotion decide(long candidateVersion, String candidateMetrics, ServingState state, ModelRecord serving) {
    if (state.pinned()) {
      return new Promotion(false, "not promoted: version " + state.servingVersion() + " is pinned (automatic"
          + " promotion is off until it is unpinned)", metric, null, null, state.servingVersion(), null);
    }
    if (serving == null) {
      return Promotion.withoutComparison("promoted: no version was serving", metric, null);
    }
    OptionalDouble candidate = valueIn(candidateMetrics);
    if (candidate.isEmpty()) {
      return Promotion.withoutComparison("promoted: version " + candidateVersion + " has no held-out " + metric
          + " to compare", metric, serving.version());
    }
    OptionalDouble current = valueIn(serving.metricsJson());
    if (current.isEmpty()) {
      return Promotion.withoutComparison("promoted: serving version " + serving.version() + " has no held-out "
          + metric + " to compare", metric, serving.version());
    }
    double mine = candidate.getAsDouble();
    double theirs = current.getAsDouble();
    boolean acceptable = lowerIsBetter() ? mine <= theirs * (1 + tolerance) : mine >= theirs * (1 - tolerance);
    String values = String.format(Locale.ROOT, "%s %.4f against serving version %d's %.4f", metric, mine,
        serving.version(), theirs);
    String reason;
    if (acceptable) {
      reason = "promoted: " + values + " (tolerance " + percent(tolerance) + ")";
    } else {
      double worse = Math.abs(mine - theirs) / Math.abs(theirs);
      reason = "not promoted: " + values + " is " + percent(worse) + " worse, more than the tolerance of "
          + percent(tolerance);
    }
    return new Promotion(acceptable, reason, metric, mine, theirs, serving.version(), tolerance);
  }

  private static String percent(double share) {
    String text = String.format(Locale.ROOT, "%.2f", share * 100);
    return text.replaceAll("\\.?0+$", "") + "%";
  }
}
