package dev.encore.als;

import dev.encore.concurrent.Workers;
import dev.encore.data.Confidence;
import dev.encore.data.Csr;
import dev.encore.linalg.Vectors;

/**
 * The training loss {@code alpha0 sum_ui s_ui^2 + sum_(u,i) observed [c_ui (p_ui - s_ui)^2 - s_ui^2]
 * + sum_u lambda_u |x_u|^2 + sum_i lambda_i |y_i|^2} ({@link AlsTrainer}'s objective; with alpha0 = 1
 * it is {@code sum_ui c_ui (p_ui - s_ui)^2} plus the regularization), in terms that can be summed
 * block by block. It uses {@code sum_ui s_ui^2 = sum_u x_u' (Y'Y) x_u} so that only observed
 * entries are visited: each adds {@code c (p - s)^2 - s^2} to the all-zero term.
 */
public final class TrainingLoss {
  private static final int TASKS_PER_THREAD = 8;

  private TrainingLoss() {}

  /**
   * The terms of the user rows: their data terms and their regularization.
   *
   * @param itemGram the k x k Gram matrix of all item factors
   * @param itemCount how many items there are in all
   * @param userItems the users' rows, whose columns index {@code itemFactors}
   */
  public static double userTerms(AlsConfig config, double[] itemGram, long itemCount, Csr userItems,
      EntryConfidences confidences, float[] userFactors, float[] itemFactors) {
    int k = config.factors();
    double[] allZeroGram = config.weightedGram(itemGram);
    int[] bounds = Workers.partitionByWork(userItems.indptr(), userItems.rows(),
        config.threads() * TASKS_PER_THREAD, k);
    double[] partial = new double[bounds.length - 1];
    Workers.run(config.threads(), partial.length, task -> {
      double sum = 0;
      for (int u = bounds[task]; u < bounds[task + 1]; u++) {
        int offset = u * k;
        for (int a = 0; a < k; a++) {
          double row = 0;
          for (int b = 0; b < k; b++) {
            row += allZeroGram[a * k + b] * userFactors[offset + b];
          }
          sum += userFactors[offset + a] * row;
        }
        for (int p = userItems.rowStart(u); p < userItems.rowEnd(u); p++) {
          double score = Vectors.dot(userFactors, offset, itemFactors, userItems.indices()[p] * k, k);
          double preference = Confidence.preference(userItems.values()[p]);
          double error = preference - score;
          sum += confidences.at(p) * error * error - score * score;
        }
        double norm = Vectors.dot(userFactors, offset, userFactors, offset, k);
        sum += config.regularizationFor(userItems.rowLength(u), itemCount) * norm;
      }
      partial[task] = sum;
    });
    double total = 0;
    for (double value : partial) {
      total += value;
    }
    return total;
  }

  /** {@code sum_i lambda_i |y_i|^2} over the item rows of {@code itemUsers}, of {@code userCount} users in all. */
  public static double itemRegularization(AlsConfig config, long userCount, Csr itemUsers, float[] itemFactors) {
    int k = config.factors();
    double total = 0;
    for (int i = 0; i < itemUsers.rows(); i++) {
      double norm = Vectors.dot(itemFactors, i * k, itemFactors, i * k, k);
      total += config.regularizationFor(itemUsers.rowLength(i), userCount) * norm;
    }
    return total;
  }
}
