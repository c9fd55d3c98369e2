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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlsTrainerTest {
  private static final Interactions DATA = RandomInteractions.generate(60, 40, 0.15, 20, 7);

  private static AlsConfig small() {
    return AlsConfig.defaults().withFactors(6).withRegularization(0.1f).withConfidence(Confidence.log(2f, 1f))
        .withIterations(4).withThreads(2).withSeed(11);
  }

  @Test
  void exactSolverRowEqualsBruteForceNormalEquations() {
    for (boolean scaled : new boolean[] {false, true}) {
      AlsConfig config = small().withSolver(Solver.CHOLESKY).withScaleRegularization(scaled);
      FactorModel model = new AlsTrainer(config).fit(DATA);
      Csr plays = DATA.userItems();
      int k = config.factors();
      for (int user = 0; user < DATA.users().size(); user += 7) {
        double[] confidence = new double[DATA.items().size()];
        double[] preference = new double[DATA.items().size()];
        java.util.Arrays.fill(confidence, 1.0);
        for (int p = plays.rowStart(user); p < plays.rowEnd(user); p++) {
          confidence[plays.indices()[p]] = config.confidence().confidence(plays.values()[p]);
          preference[plays.indices()[p]] = 1.0;
        }
        double lambda = config.regularizationFor(plays.rowLength(user), DATA.items().size());
        double[] expected = DenseSolve.row(confidence, preference, model.itemFactors(), k, lambda);
        float[] actual = model.userVector(user);
        for (int a = 0; a < k; a++) {
          assertThat((double) actual[a]).as("user %d factor %d, scaled %s", user, a, scaled)
              .isCloseTo(expected[a], within(1e-4));
        }
      }
    }
  }

  @Test
  void conjugateGradientWithEnoughStepsConvergesToTheExactSolution() {
    // 6 factors take the kernels' general path; 16 and 32 their register-resident vector path.
    for (int k : new int[] {6, 16, 32}) {
      AlsConfig config = small().withFactors(k);
      FactorModel exact = new AlsTrainer(config.withSolver(Solver.CHOLESKY)).fit(DATA);
      FactorModel cg = new AlsTrainer(config.withSolver(Solver.CG).withCgSteps(5 * k)).fit(DATA);
      float[] exactUsers = exact.userFactors();
      float[] cgUsers = cg.userFactors();
      for (int i = 0; i < exactUsers.length; i++) {
        assertThat(cgUsers[i]).as("k=%d factor %d", k, i).isCloseTo(exactUsers[i], within(1e-3f));
      }
    }
  }

  @Test
  void conjugateGradientOnRowsTooLongToGatherConvergesToo() {
    // Item i0 is played by all 5,000 users: its row exceeds the 4,096-entry gather limit.
    dev.encore.data.InteractionsBuilder builder = new dev.encore.data.InteractionsBuilder();
    java.util.Random random = new java.util.Random(5);
    for (int u = 0; u < 5_000; u++) {
      builder.add("u" + u, "i0", 1 + random.nextInt(3));
      builder.add("u" + u, "i" + (1 + random.nextInt(30)), 1 + random.nextInt(3));
    }
    Interactions data = builder.build();
    for (int k : new int[] {4, 16}) {
      AlsConfig config = small().withFactors(k).withIterations(3);
      FactorModel exact = new AlsTrainer(config.withSolver(Solver.CHOLESKY)).fit(data);
      FactorModel cg = new AlsTrainer(config.withSolver(Solver.CG).withCgSteps(40)).fit(data);
      for (int i = 0; i < exact.itemFactors().length; i++) {
        float expected = exact.itemFactors()[i];
        // Float CG sums over 5,000 entries against the double exact solve: agree to 1e-3 relative
        // (at 16 factors the scalar kernels, which sum as the solver did before its fused pass, land
        // 5e-4 off too). A segment skipped or misplaced would be off by the row's whole weight.
        assertThat(cg.itemFactors()[i]).as("k=%d factor %d", k, i)
            .isCloseTo(expected, within(1e-3f * Math.max(1f, Math.abs(expected))));
      }
    }
  }

  @Test
  void exactSolverLossNeverRises() {
    List<Double> losses = new ArrayList<>();
    AlsConfig config = small().withSolver(Solver.CHOLESKY).withIterations(12).withComputeLoss(true);
    new AlsTrainer(config).fit(DATA, new TrainingListener() {
      @Override
      public void iterationFinished(IterationStats stats) {
        losses.add(stats.loss());
      }
    });
    assertThat(losses).hasSize(12);
    for (int i = 1; i < losses.size(); i++) {
      assertThat(losses.get(i)).as("loss after iteration %d", i + 1)
          .isLessThanOrEqualTo(losses.get(i - 1) * (1 + 1e-6));
    }
    assertThat(losses.get(11)).isLessThan(losses.get(0));
  }

  @Test
  void lossMatchesTheDefinitionComputedDensely() {
    AlsConfig config = small().withSolver(Solver.CG).withIterations(2);
    FactorModel model = new AlsTrainer(config).fit(DATA);
    int k = config.factors();
    double expected = 0;
    for (int u = 0; u < DATA.users().size(); u++) {
      for (int i = 0; i < DATA.items().size(); i++) {
        float value = DATA.userItems().get(u, i);
        double confidence = value > 0 ? config.confidence().confidence(value) : 1.0;
        double error = (value > 0 ? 1 : 0) - model.score(u, i);
        expected += confidence * error * error;
      }
      for (int a = 0; a < k; a++) {
        expected += config.regularization() * Math.pow(model.userFactors()[u * k + a], 2);
      }
    }
    for (float value : model.itemFactors()) {
      expected += config.regularization() * value * value;
    }
    EntryConfidences userConfidence = EntryConfidences.of(config.confidence(), DATA.userItems().values());
    double actual = AlsTrainer.loss(config, DATA.userItems(), userConfidence, DATA.itemUsers(), model.userFactors(),
        model.itemFactors());
    assertThat(actual).isCloseTo(expected, within(expected * 1e-5));
  }

  @Test
  void sameSeedAndThreadsGiveIdenticalFactors() {
    for (Solver solver : Solver.values()) {
      FactorModel first = new AlsTrainer(small().withSolver(solver)).fit(DATA);
      FactorModel second = new AlsTrainer(small().withSolver(solver)).fit(DATA);
      FactorModel oneThread = new AlsTrainer(small().withSolver(solver).withThreads(1)).fit(DATA);
      assertThat(second.userFactors()).containsExactly(first.userFactors());
      assertThat(second.itemFactors()).containsExactly(first.itemFactors());
      // Rows are solved independently and Gram sums in fixed blocks, so even the thread count does not matter.
      assertThat(oneThread.userFactors()).containsExactly(first.userFactors());
    }
  }

  @Test
  void differentSeedsGiveDifferentFactors() {
    FactorModel first = new AlsTrainer(small()).fit(DATA);
    FactorModel second = new AlsTrainer(small().withSeed(12)).fit(DATA);
    assertThat(second.userFactors()).isNotEqualTo(first.userFactors());
  }

  @Test
  void listenerHearsEveryIteration() {
    List<Integer> seen = new ArrayList<>();
    new AlsTrainer(small().withIterations(3)).fit(DATA, new TrainingListener() {
      @Override
      public void iterationFinished(IterationStats stats) {
        seen.add(stats.iteration());
        assertThat(stats.loss()).isNaN();
        assertThat(stats.iterations()).isEqualTo(3);
      }
    });
    assertThat(seen).containsExactly(1, 2, 3);
  }

  @Test
  void invalidSettingsNameTheSetting() {
    assertThatThrownBy(() -> AlsConfig.defaults().withFactors(0)).hasMessage("setting factors = 0 must be in 1..4096");
    assertThatThrownBy(() -> AlsConfig.defaults().withRegularization(-1f)).hasMessageContaining("regularization");
    assertThatThrownBy(() -> AlsConfig.defaults().withCgSteps(0)).hasMessageContaining("cgSteps");
    assertThatThrownBy(() -> Solver.parse("lu")).hasMessageContaining("'lu' is not one of cg, cholesky");
  }
}
