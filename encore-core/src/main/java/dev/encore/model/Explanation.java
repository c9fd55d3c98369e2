package dev.encore.model;

import java.util.List;

/**
 * Why an item was recommended to a user (Hu, Koren and Volinsky 2008, section 5).
 *
 * @param score the explained score, the sum of every played item's contribution
 * @param modelScore the stored model's x_u . y_i; equal to {@code score} when the user's factors
 *     are the exact solution for the final item factors (exact solver), close to it for CG
 * @param playedCount how many played items contribute (the list shows the largest)
 * @param contributions the largest contributions first, with their share of {@code score}
 */
public record Explanation(String userId, String itemId, double score, double modelScore, int playedCount,
    List<Contribution> contributions) {

  /** One played item's part {@code s_ij * c_uj} of the score and its share of the total. */
  public record Contribution(String itemId, double contribution, double share) {}
}
