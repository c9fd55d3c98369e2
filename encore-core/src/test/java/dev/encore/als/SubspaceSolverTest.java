package dev.encore.als;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.encore.data.Confidence;
import dev.encore.data.Csr;
import dev.encore.data.Interactions;
import dev.encore.linalg.Gram;
import dev.encore.model.FactorModel;
import dev.encore.testing.DenseSolve;
import dev.encore.testing.RandomInteractions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The subspace (iALS++) solver against the row's exact minimiser, which {@link DenseSolve} forms
 * from the loss's definition over every column, sharing no code with the solver.
 */
class SubspaceSolverTest {
  private static final Interactions DATA = RandomInteractions.generate(40, 30, 0.25, 20, 3);
  private static final int K = 7;
  private static final AlsConfig CONFIG = AlsConfig.defaults().withFactors(K).withRegularization(0.05f)
      .withConfidence(Confidence.log(3f, 1f)).withUnobservedWeight(0.3f).withRegularizationExponent(1f).withThreads(2)
      .withSolver(Solver.SUBSPACE);
  private static final int ITEMS = DATA.items().size();
  private static final float[] ITEM_FACTORS = InitialFactors.of(ITEMS, K, 11, 0.5f);
  private static final double[] GRAM = Gram.compute(ITEM_FACTORS, ITEMS, K, 1);
  private static final Csr PLAYS = DATA.userItems();
  private static final EntryConfidences CONFIDENCES = EntryConfidences.of(CONFIG.confidence(), PLAYS.values());

  @Test
  void oneSweepWithTheWholeRowAsOneBlockIsTheExactSolve() {
    for (int blockSize : new int[] {K, 64}) {
      float[] users = startingUsers();
      sweep(blockSize, users);
      assertExact(users, 1e-4, "block " + blockSize);
    }
  }

  @Test
  void sweepsConvergeToTheExactSolveForAnyBlockSize() {
    for (int blockSize : new int[] {1, 3, 4}) {
      float[] users = startingUsers();
      for (int sweep = 0; sweep < 80; sweep++) {
        sweep(blockSize, users);
      }
      assertExact(users, 1e-3, "block " + blockSize);
    }
  }

  @Test
  void everySweepLowersEveryRowsLoss() {
    float[] users = startingUsers();
    double[] before = rowLosses(users);
    for (int sweep = 1; sweep <= 5; sweep++) {
      sweep(2, users);
      double[] after = rowLosses(users);
      for (int user = 0; user < after.length; user++) {
        assertThat(after[user]).as("sweep %d user %d", sweep, user)
            .isLessThanOrEqualTo(before[user] + 1e-5 * Math.abs(before[user]));
      }
      before = after;
    }
  }

  @Test
  void trainingLowersTheLossAtEveryIterationAndIsDeterministic() {
    // Each half-step's block solves each minimise the loss over their own factors, so no
    // iteration may raise it (the training loss is computed by TrainingLoss, not by the solver).
    AlsConfig config = CONFIG.withBlockSize(3).withIterations(12).withComputeLoss(true).withInitSigma(0.1f);
    List<Double> losses = new ArrayList<>();
    FactorModel first = new AlsTrainer(config).fit(DATA, new TrainingListener() {
      @Override
      public void iterationFinished(IterationStats stats) {
        losses.add(stats.loss());
      }
    });
    for (int i = 1; i < losses.size(); i++) {
      assertThat(losses.get(i)).as("loss after iteration %d", i + 1)
          .isLessThanOrEqualTo(losses.get(i - 1) + 1e-6 * Math.abs(losses.get(i - 1)));
    }
    assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0));
    FactorModel second = new AlsTrainer(config).fit(DATA);
    assertThat(second.userFactors()).containsExactly(first.userFactors());
    assertThat(second.itemFactors()).containsExactly(first.itemFactors());
  }

  private static float[] startingUsers() {
    return InitialFactors.of(DATA.users().size(), K, 5, 0.5f);
  }

  private static void sweep(int blockSize, float[] users) {
    HalfStep.solve(CONFIG.withBlockSize(blockSize), GRAM, ITEMS, PLAYS, CONFIDENCES, ITEM_FACTORS, users);
  }

  private static void assertExact(float[] users, double tolerance, String description) {
    for (int user = 0; user < DATA.users().size(); user++) {
      double[] expected = exactRow(user);
      for (int a = 0; a < K; a++) {
        assertThat((double) users[user * K + a]).as("%s user %d factor %d", description, user, a)
            .isCloseTo(expected[a], within(tolerance * Math.max(1, Math.abs(expected[a]))));
      }
    }
  }

  private static double lambda(int user) {
    return CONFIG.regularizationFor(PLAYS.rowLength(user), ITEMS);
  }

  private static double[] exactRow(int user) {
    DenseSolve.Columns columns = DenseSolve.rendleColumns(CONFIG, PLAYS, user, ITEMS);
    return DenseSolve.row(columns.weights(), columns.targets(), ITEM_FACTORS, K, lambda(user));
  }

  private static double[] rowLosses(float[] users) {
    double[] losses = new double[DATA.users().size()];
    for (int user = 0; user < losses.length; user++) {
      DenseSolve.Columns columns = DenseSolve.rendleColumns(CONFIG, PLAYS, user, ITEMS);
      double loss = 0;
      double norm = 0;
      for (int a = 0; a < K; a++) {
        norm += (double) users[user * K + a] * users[user * K + a];
      }
      for (int item = 0; item < ITEMS; item++) {
        double score = 0;
        for (int a = 0; a < K; a++) {
          score += (double) users[user * K + a] * ITEM_FACTORS[item * K + a];
        }
        double error = columns.targets()[item] - score;
        loss += columns.weights()[item] * error * error;
      }
      losses[user] = loss + lambda(user) * norm;
    }
    return losses;
  }
}
