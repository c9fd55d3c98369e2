package dev.encore.als;

import dev.encore.data.Csr;
import dev.encore.data.Interactions;
import dev.encore.linalg.Gram;
import dev.encore.model.FactorModel;

/**
 * Implicit-feedback ALS of Hu, Koren and Volinsky (2008), generalised as Rendle et al. (2021)'s
 * iALS. Minimises {@code sum_(u,i) observed [c_ui (p_ui - s_ui)^2 - s_ui^2] + alpha0 sum_ui s_ui^2
 * + sum_u lambda_u |x_u|^2 + sum_i lambda_i |y_i|^2} with {@code s_ui = x_u . y_i}: with alpha0 = 1
 * and a plain lambda that is Hu, Koren and Volinsky's {@code sum_ui c_ui (p_ui - s_ui)^2 + lambda
 * (sum |x_u|^2 + sum |y_i|^2)}; lambda may be scaled per row by its entry count (ALS-WR) or by
 * {@code (n + alpha0 N)^nu} (see {@link AlsConfig}). It alternates exact or conjugate-gradient
 * solves of each side with the other fixed. Each iteration solves items first, then users, so the
 * returned user factors are the solution for the returned item factors: folding a user's plays
 * back in reproduces their row.
 *
 * <p>Deterministic for a fixed seed: each row's solve reads only the previous half-step's
 * factors and writes its own row, and Gram sums are formed in a fixed block order.
 */
public final class AlsTrainer {
  private final AlsConfig config;

  public AlsTrainer(AlsConfig config) {
    this.config = config;
  }

  public AlsConfig config() {
    return config;
  }

  public FactorModel fit(Interactions data) {
    return fit(data, TrainingListener.NONE);
  }

  public FactorModel fit(Interactions data, TrainingListener listener) {
    int k = config.factors();
    int userCount = data.users().size();
    int itemCount = data.items().size();
    TrainingMemory.requireFits(userCount, itemCount, data.nnz(), config);
    Csr userItems = data.userItems();
    Csr itemUsers = data.itemUsers();
    EntryConfidences userConfidence = EntryConfidences.of(config.confidence(), userItems.values());
    EntryConfidences itemConfidence = EntryConfidences.of(config.confidence(), itemUsers.values());
    float[] userFactors = InitialFactors.of(userCount, k, InitialFactors.userSeed(config.seed()), config.initSigma());
    float[] itemFactors = InitialFactors.of(itemCount, k, InitialFactors.itemSeed(config.seed()), config.initSigma());

    listener.started(config, userCount, itemCount, data.nnz());
    for (int iteration = 1; iteration <= config.iterations(); iteration++) {
      long start = System.nanoTime();
      halfStep(itemUsers, itemConfidence, userFactors, userCount, itemFactors);
      halfStep(userItems, userConfidence, itemFactors, itemCount, userFactors);
      double seconds = (System.nanoTime() - start) / 1e9;
      double loss = config.computeLoss()
          ? loss(config, userItems, userConfidence, itemUsers, userFactors, itemFactors)
          : Double.NaN;
      listener.iterationFinished(new IterationStats(iteration, config.iterations(), seconds, loss));
      listener.factorsAfterIteration(iteration, userFactors, itemFactors);
    }
    return new FactorModel(data.users(), data.items(), k, userFactors, itemFactors, userItems, config);
  }

  /** Solves every row of {@code target} with {@code fixed} held constant. */
  private void halfStep(Csr rows, EntryConfidences confidences, float[] fixed, int fixedRows, float[] target) {
    double[] gram = Gram.compute(fixed, fixedRows, config.factors(), config.threads());
    HalfStep.solve(config, gram, fixedRows, rows, confidences, fixed, target);
  }

  static double loss(AlsConfig config, Csr userItems, EntryConfidences userConfidence, Csr itemUsers,
      float[] userFactors, float[] itemFactors) {
    double[] gram = Gram.compute(itemFactors, itemUsers.rows(), config.factors(), config.threads());
    return TrainingLoss.userTerms(config, gram, itemUsers.rows(), userItems, userConfidence, userFactors, itemFactors)
        + TrainingLoss.itemRegularization(config, userItems.rows(), itemUsers, itemFactors);
  }
}
