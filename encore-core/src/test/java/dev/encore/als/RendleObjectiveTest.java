package dev.encore.als;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.encore.data.Confidence;
import dev.encore.data.Csr;
import dev.encore.data.Interactions;
import dev.encore.model.FactorModel;
import dev.encore.testing.DenseSolve;
import dev.encore.testing.RandomInteractions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The iALS objective of Rendle, Krichene, Zhang and Koren (2021): an unobserved weight alpha0,
 * frequency-scaled regularization lambda (n + alpha0 N)^nu and normal initialisation, each checked
 * against a computation from the loss's definition that shares no code with the trainer.
 */
class RendleObjectiveTest {
  private static final Interactions DATA = RandomInteractions.generate(50, 35, 0.2, 20, 3);

  private static AlsConfig rendle(float alpha0, float nu) {
    return AlsConfig.defaults().withFactors(5).withRegularization(0.02f).withConfidence(Confidence.log(3f, 1f))
        .withIterations(4).withThreads(2).withSeed(5).withUnobservedWeight(alpha0).withRegularizationExponent(nu)
        .withInitSigma(0.1f);
  }

  /** lambda (n + alpha0 N)^nu, written from the paper's formula. */
  private static double lambda(AlsConfig config, int entries, int otherSide) {
    return config.regularization()
        * Math.pow(entries + config.unobservedWeight() * (double) otherSide, config.regularizationExponent());
  }

  @Test
  void exactRowMinimisesTheWeightedLossOverEveryColumn() {
    // The dense solve forms the system over all columns (DenseSolve.rendleColumns).
    for (float[] setting : new float[][] {{0.1f, 1f}, {3f, 0.5f}, {0f, 1f}}) {
      AlsConfig config = rendle(setting[0], setting[1]).withSolver(Solver.CHOLESKY);
      FactorModel model = new AlsTrainer(config).fit(DATA);
      Csr plays = DATA.userItems();
      int k = config.factors();
      int items = DATA.items().size();
      for (int user = 0; user < DATA.users().size(); user += 6) {
        DenseSolve.Columns columns = DenseSolve.rendleColumns(config, plays, user, items);
        double[] expected = DenseSolve.row(columns.weights(), columns.targets(), model.itemFactors(), k,
            lambda(config, plays.rowLength(user), items));
        float[] actual = model.userVector(user);
        for (int a = 0; a < k; a++) {
          assertThat((double) actual[a]).as("alpha0 %s nu %s user %d factor %d", setting[0], setting[1], user, a)
              .isCloseTo(expected[a], within(1e-4 * Math.max(1, Math.abs(expected[a]))));
        }
      }
    }
  }

  @Test
  void conjugateGradientConvergesToTheExactSolutionUnderTheNewObjective() {
    AlsConfig config = rendle(0.3f, 1f);
    FactorModel exact = new AlsTrainer(config.withSolver(Solver.CHOLESKY)).fit(DATA);
    FactorModel cg = new AlsTrainer(config.withSolver(Solver.CG).withCgSteps(30)).fit(DATA);
    for (int i = 0; i < exact.userFactors().length; i++) {
      float expected = exact.userFactors()[i];
      assertThat(cg.userFactors()[i]).as("factor %d", i)
          .isCloseTo(expected, within(1e-3f * Math.max(1f, Math.abs(expected))));
    }
  }

  @Test
  void foldInReproducesTheTrainedRowUnderTheNewObjective() {
    AlsConfig config = rendle(0.2f, 1f).withSolver(Solver.CHOLESKY);
    FactorModel model = new AlsTrainer(config).fit(DATA);
    Csr plays = DATA.userItems();
    for (int user = 0; user < DATA.users().size(); user += 9) {
      Map<String, Float> row = new HashMap<>();
      for (int p = plays.rowStart(user); p < plays.rowEnd(user); p++) {
        row.put(DATA.items().idOf(plays.indices()[p]), plays.values()[p]);
      }
      float[] folded = model.foldIn(row);
      float[] trained = model.userVector(user);
      for (int a = 0; a < config.factors(); a++) {
        assertThat(folded[a]).as("user %d factor %d", user, a)
            .isCloseTo(trained[a], within(1e-4f * Math.max(1f, Math.abs(trained[a]))));
      }
    }
  }

  @Test
  void lossMatchesTheDefinitionComputedDensely() {
    AlsConfig config = rendle(0.25f, 0.7f).withIterations(2);
    FactorModel model = new AlsTrainer(config).fit(DATA);
    int k = config.factors();
    int users = DATA.users().size();
    int items = DATA.items().size();
    double expected = 0;
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        float value = DATA.userItems().get(u, i);
        double score = model.score(u, i);
        expected += config.unobservedWeight() * score * score;
        if (value > 0) {
          double c = config.confidence().confidence(value);
          expected += c * (1 - score) * (1 - score) - score * score;
        }
      }
      expected += lambda(config, DATA.userItems().rowLength(u), items) * squaredNorm(model.userFactors(), u, k);
    }
    for (int i = 0; i < items; i++) {
      expected += lambda(config, DATA.itemUsers().rowLength(i), users) * squaredNorm(model.itemFactors(), i, k);
    }
    EntryConfidences userConfidence = EntryConfidences.of(config.confidence(), DATA.userItems().values());
    double actual = AlsTrainer.loss(config, DATA.userItems(), userConfidence, DATA.itemUsers(), model.userFactors(),
        model.itemFactors());
    assertThat(actual).isCloseTo(expected, within(Math.abs(expected) * 1e-5));
  }

  private static double squaredNorm(float[] factors, int row, int k) {
    double sum = 0;
    for (int a = 0; a < k; a++) {
      sum += (double) factors[row * k + a] * factors[row * k + a];
    }
    return sum;
  }

  @Test
  void binaryConfidenceIsThePapersIalsWithHalfTheLambda() {
    // Rendle et al.'s iALS: observed (1 - s)^2, alpha0 s^2 over all pairs, lambda' (n + alpha0 N)^nu.
    // Encore with binary c = 2 has target 2 instead of 1; scaling factors by sqrt(2) maps one onto
    // the other when lambda' = lambda / 2, so from initial factors 1/sqrt(2) of Encore's, the
    // paper's updates, run here densely, land on Encore's factors divided by sqrt(2).
    AlsConfig config = AlsConfig.defaults().withFactors(4).withRegularization(0.04f)
        .withConfidence(Confidence.binary(1f)).withIterations(3).withThreads(1).withSeed(9)
        .withSolver(Solver.CHOLESKY).withUnobservedWeight(0.15f).withRegularizationExponent(1f).withInitSigma(0.2f);
    FactorModel encore = new AlsTrainer(config).fit(DATA);
    int k = config.factors();
    int users = DATA.users().size();
    int items = DATA.items().size();
    double root2 = Math.sqrt(2);
    float[] w = scaled(InitialFactors.of(users, k, InitialFactors.userSeed(config.seed()), config.initSigma()), root2);
    float[] h = scaled(InitialFactors.of(items, k, InitialFactors.itemSeed(config.seed()), config.initSigma()), root2);
    for (int iteration = 0; iteration < config.iterations(); iteration++) {
      h = papersHalfStep(DATA.itemUsers(), w, users, config, k);
      w = papersHalfStep(DATA.userItems(), h, items, config, k);
    }
    for (int i = 0; i < w.length; i++) {
      assertThat((double) w[i]).as("user factor %d", i)
          .isCloseTo(encore.userFactors()[i] / root2, within(1e-4 * Math.max(1, Math.abs(w[i]))));
    }
  }

  private static float[] scaled(float[] values, double divisor) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) (values[i] / divisor);
    }
    return out;
  }

  /** One side of the paper's Algorithm 1: (alpha0 H'H + sum_obs h h' + lambda' I) w = sum_obs h. */
  private static float[] papersHalfStep(Csr rows, float[] fixed, int fixedRows, AlsConfig config, int k) {
    float[] out = new float[rows.rows() * k];
    for (int r = 0; r < rows.rows(); r++) {
      double[] weight = new double[fixedRows];
      double[] target = new double[fixedRows];
      java.util.Arrays.fill(weight, config.unobservedWeight());
      for (int p = rows.rowStart(r); p < rows.rowEnd(r); p++) {
        weight[rows.indices()[p]] = 1 + config.unobservedWeight();
        target[rows.indices()[p]] = 1 / (1 + config.unobservedWeight());
      }
      double lambda = config.regularization() / 2 * Math.pow(rows.rowLength(r)
          + config.unobservedWeight() * (double) fixedRows, config.regularizationExponent());
      double[] x = DenseSolve.row(weight, target, fixed, k, lambda);
      for (int a = 0; a < k; a++) {
        out[r * k + a] = (float) x[a];
      }
    }
    return out;
  }

  @Test
  void hkvObjectiveRunsTheSameArithmeticWhenAlpha0IsOneAndNuZero() {
    AlsConfig base = AlsConfig.defaults().withFactors(6).withIterations(3).withThreads(2);
    AlsConfig explicit = base.withUnobservedWeight(1f).withRegularizationExponent(0f).withInitSigma(0f);
    for (Solver solver : Solver.values()) {
      FactorModel a = new AlsTrainer(base.withSolver(solver)).fit(DATA);
      FactorModel b = new AlsTrainer(explicit.withSolver(solver)).fit(DATA);
      assertThat(b.userFactors()).as("%s", solver).containsExactly(a.userFactors());
      assertThat(b.itemFactors()).as("%s", solver).containsExactly(a.itemFactors());
    }
    assertThat(base.regularizationFor(17, 1000)).isEqualTo(base.regularization());
    double[] gram = {1, 2, 3, 4};
    assertThat(base.weightedGram(gram)).isSameAs(gram);
  }

  @Test
  void normalInitialisationHasTheStandardDeviationSigmaOverRootK() {
    int k = 64;
    float sigma = 0.5f;
    float[] values = InitialFactors.of(2_000, k, 17, sigma);
    double sum = 0;
    double squares = 0;
    for (float value : values) {
      sum += value;
      squares += (double) value * value;
    }
    double mean = sum / values.length;
    double deviation = Math.sqrt(squares / values.length - mean * mean);
    double expected = sigma / Math.sqrt(k);
    // 128,000 draws: the sample deviation is within 1% of the true one with overwhelming probability.
    assertThat(deviation).isCloseTo(expected, within(expected * 0.01));
    assertThat(Math.abs(mean)).isLessThan(4 * expected / Math.sqrt(values.length));
    float[] tail = new float[10 * k];
    InitialFactors.fill(tail, 0, 1_990, 10, k, 17, sigma);
    assertThat(tail).containsExactly(java.util.Arrays.copyOfRange(values, 1_990 * k, 2_000 * k));
  }

  @Test
  void invalidSettingsNameTheSettingAndTheRule() {
    AlsConfig base = AlsConfig.defaults();
    assertThatThrownBy(() -> base.withUnobservedWeight(-0.1f)).hasMessageContaining("unobservedWeight")
        .hasMessageContaining(">= 0");
    assertThatThrownBy(() -> base.withRegularizationExponent(Float.NaN)).hasMessageContaining("regularizationExponent");
    assertThatThrownBy(() -> base.withScaleRegularization(true).withRegularizationExponent(1f))
        .hasMessageContaining("ALS-WR");
    assertThatThrownBy(() -> base.withInitSigma(-1f)).hasMessageContaining("initSigma");
  }
}
