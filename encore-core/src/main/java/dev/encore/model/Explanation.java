package dev.encore.model;

import java.util.List;
import java.util.Locale;

/**
 * Why an item was recommended to a user (Hu, Koren and Volinsky 2008, section 5).
 *
 * @param score the explained score, the sum of every played item's contribution
 * @param modelScore the stored model's x_u . y_i; equal to {@code score} when the user's factors
 *     are the exact solution for the final item factors (exact solver), close to it for CG
 * @param playedCount how many played items contribute (the list shows the largest)
 * @param contributions the largest contributions by size first, negative ones included (so the
 *     shares shown can be told apart from a whole that some parts pull down), with their share of
 *     {@code score}
 * @param restOfScore what the played items not listed add up to: the listed contributions plus
 *     this are exactly {@code score}
 * @param note why {@code score} and {@code modelScore} differ, when they do; null when they agree
 */
public record Explanation(String userId, String itemId, double score, double modelScore, int playedCount,
    List<Contribution> contributions, double restOfScore, String note) {
  /** Relative gap between the explained and the stored score above which the answer says why. */
  static final double AGREEMENT = 1e-3;

  /**
   * The note for an explained {@code score} against the model's own: the explanation solves the
   * listener's least squares exactly, the model's factors may not (CG steps, or the item factors
   * moved after the listener's last update).
   */
  static String noteFor(double score, double modelScore) {
    if (Math.abs(score - modelScore) <= AGREEMENT * Math.max(1, Math.abs(modelScore))) {
      return null;
    }
    return String.format(Locale.ROOT, "the parts explain %.4f, the exact least-squares score for these"
        + " plays; the model's own score is %.4f because its listener factors are not that exact solution (conjugate"
        + " gradient steps, or item factors updated after them)", score, modelScore);
  }

  /** One played item's part {@code s_ij * c_uj} of the score and its share of the total. */
  public record Contribution(String itemId, double contribution, double share) {}
}
