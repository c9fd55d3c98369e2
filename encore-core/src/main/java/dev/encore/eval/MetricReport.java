package dev.encore.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ranking quality at cut-off {@code k}, over the {@code users} that have at least one test item.
 *
 * <p>precision, map, ndcg and auc follow implicit's {@code ranking_metrics_at_k} exactly, so the
 * numbers can be compared with it:
 * <ul>
 *   <li>{@code precision}: all hits over all users divided by the sum over users of
 *       {@code min(k, |test items|)}: pooled, not a per-user mean.
 *   <li>{@code map}: mean over users of {@code sum over hit positions i of hits_so_far / (i + 1)},
 *       divided by {@code min(k, |test items|)}.
 *   <li>{@code ndcg}: mean over users of {@code sum over hit positions i of 1 / log2(i + 2)},
 *       divided by the ideal {@code sum over j < min(k, |test items|) of 1 / log2(j + 2)}.
 *   <li>{@code auc}: implicit's AUC limited to the top k: a miss at a position counts the hits
 *       above it; the items below the top k are credited as if ranked at random.
 * </ul>
 * The others are Encore's additions:
 * <ul>
 *   <li>{@code recall}: mean over users of {@code hits / |test items|}.
 *   <li>{@code hitRate}: the share of users with at least one hit in their top k.
 *   <li>{@code expectedPercentileRank}: Hu, Koren and Volinsky (2008), section 6: each test item's
 *       position among the user's candidate (not trained) items as a fraction, 0 at the top and 1
 *       at the bottom, averaged weighted by the test values. Lower is better; random is 0.5. Not
 *       limited to k. NaN when no test item has a positive value.
 *   <li>{@code coverage}: the share of all items that appear in some evaluated user's top k.
 *   <li>{@code gini}: the Gini coefficient of exposure, how unequally the top-k slots are spread
 *       over the whole catalogue: 0 when every item is recommended equally often, near 1 when a
 *       few items fill every list (a popularity-heavy blend shows here).
 *   <li>{@code novelty}: the mean {@code log2((users + 1) / (listeners_i + 1))} of the recommended
 *       items, in bits: higher means less popular, less obvious recommendations. NaN when the
 *       training counts were not given.
 * </ul>
 */
public record MetricReport(int k, long users, double precision, double recall, double map,
    double ndcg, double auc, double hitRate, double expectedPercentileRank, double coverage, double gini,
    double novelty) {

  /** The numbers under stable names ({@code precision@10}, ..., {@code epr}, {@code users}). */
  public Map<String, Double> byName() {
    Map<String, Double> named = new LinkedHashMap<>();
    named.put("precision@" + k, precision);
    named.put("recall@" + k, recall);
    named.put("map@" + k, map);
    named.put("ndcg@" + k, ndcg);
    named.put("auc@" + k, auc);
    named.put("hitrate@" + k, hitRate);
    named.put("epr", expectedPercentileRank);
    named.put("coverage@" + k, coverage);
    named.put("gini@" + k, gini);
    named.put("novelty@" + k, novelty);
    named.put("users", (double) users);
    return Collections.unmodifiableMap(named);
  }
}
