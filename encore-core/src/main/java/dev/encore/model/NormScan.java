package dev.encore.model;

/**
 * What a norm-ordered top-n scan returned ({@link FactorModel#recommendAllScan}): each query's
 * item indices, best first, and how many of the query x item scores it computed before the
 * norm bound ended each query's scan.
 *
 * @param top row q: query q's item indices, best first
 * @param scoresComputed scores computed, tiles of padding excluded
 * @param scoresInFull queries x items, what scoring every item would compute
 */
public record NormScan(int[][] top, long scoresComputed, long scoresInFull) {
  /** The share of the full score matrix computed. */
  public double computedShare() {
    return scoresInFull == 0 ? 0 : (double) scoresComputed / scoresInFull;
  }
}
