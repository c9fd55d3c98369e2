package dev.encore.hybrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ItemFactorRegressionTest {
  private static final int ROWS = 40;
  private static final int FEATURES = 5;
  private static final int FACTORS = 3;

  private static float[] randomMatrix(int rows, int columns, Random random) {
    float[] matrix = new float[rows * columns];
    for (int p = 0; p < matrix.length; p++) {
      matrix[p] = (float) random.nextGaussian();
    }
    return matrix;
  }

  @Test
  void matchesTheLeastSquaresSolutionOfTheAugmentedSystem() {
    Random random = new Random(3);
    float[] features = randomMatrix(ROWS, FEATURES, random);
    float[] targets = randomMatrix(ROWS, FACTORS, random);
    double lambda = 2.5;
    ItemFactorRegression regression = ItemFactorRegression.fit(features, targets, ROWS, FEATURES, FACTORS, lambda);
    for (int factor = 0; factor < FACTORS; factor++) {
      double[] expected = BruteForceRidge.solve(features, targets, ROWS, FEATURES, FACTORS, factor, lambda);
      for (int a = 0; a <= FEATURES; a++) {
        assertThat(regression.coefficient(a, factor)).as("coefficient %d of factor %d", a, factor)
            .isCloseTo(expected[a], within(1e-6));
      }
    }
  }

  @Test
  void noSmallChangeOfTheCoefficientsLowersTheObjective() {
    Random random = new Random(8);
    float[] features = randomMatrix(ROWS, FEATURES, random);
    float[] targets = randomMatrix(ROWS, FACTORS, random);
    double lambda = 0.7;
    ItemFactorRegression regression = ItemFactorRegression.fit(features, targets, ROWS, FEATURES, FACTORS, lambda);
    double[] solution = new double[FEATURES + 1];
    for (int a = 0; a <= FEATURES; a++) {
      solution[a] = regression.coefficient(a, 0);
    }
    double best = BruteForceRidge.objective(features, targets, ROWS, FEATURES, FACTORS, 0, lambda, solution);
    for (int trial = 0; trial < 200; trial++) {
      double[] moved = solution.clone();
      moved[random.nextInt(moved.length)] += (random.nextBoolean() ? 1 : -1) * 1e-3;
      assertThat(BruteForceRidge.objective(features, targets, ROWS, FEATURES, FACTORS, 0, lambda, moved))
          .isGreaterThan(best);
    }
  }

  @Test
  void recoversAnExactLinearMapWhenThePenaltyIsSmall() {
    Random random = new Random(5);
    float[] features = randomMatrix(ROWS, FEATURES, random);
    double[] weights = {0.5, -1, 2, 0, 0.25};
    double intercept = 3;
    float[] targets = new float[ROWS];
    for (int r = 0; r < ROWS; r++) {
      double sum = intercept;
      for (int a = 0; a < FEATURES; a++) {
        sum += weights[a] * features[r * FEATURES + a];
      }
      targets[r] = (float) sum;
    }
    ItemFactorRegression regression = ItemFactorRegression.fit(features, targets, ROWS, FEATURES, 1, 1e-6);
    for (int a = 0; a < FEATURES; a++) {
      assertThat(regression.coefficient(a, 0)).isCloseTo(weights[a], within(1e-3));
    }
    assertThat(regression.coefficient(FEATURES, 0)).as("intercept").isCloseTo(intercept, within(1e-3));
    float[] fresh = {1, 2, 3, 4, 5};
    assertThat(regression.predict(fresh, 0)[0]).isCloseTo((float) (3 + 0.5 - 2 + 6 + 0 + 1.25), within(1e-3f));
  }

  @Test
  void interceptIsNotShrunkSoAHeavyPenaltyPredictsTheMeanFactors() {
    Random random = new Random(9);
    float[] features = randomMatrix(ROWS, FEATURES, random);
    float[] targets = new float[ROWS * FACTORS];
    double[] mean = new double[FACTORS];
    for (int r = 0; r < ROWS; r++) {
      for (int f = 0; f < FACTORS; f++) {
        targets[r * FACTORS + f] = (float) (f + 1 + random.nextGaussian());
        mean[f] += targets[r * FACTORS + f] / (double) ROWS;
      }
    }
    ItemFactorRegression regression = ItemFactorRegression.fit(features, targets, ROWS, FEATURES, FACTORS, 1e9);
    float[] prediction = regression.predict(new float[] {0, 0, 0, 0, 0}, 0);
    for (int f = 0; f < FACTORS; f++) {
      assertThat(prediction[f]).isCloseTo((float) mean[f], within(1e-3f));
    }
  }

  @Test
  void aMissingFeatureIsReadAsTheTypicalValueZero() {
    Random random = new Random(4);
    float[] features = randomMatrix(ROWS, FEATURES, random);
    float[] targets = randomMatrix(ROWS, FACTORS, random);
    features[7] = Float.NaN;
    ItemFactorRegression regression = ItemFactorRegression.fit(features, targets, ROWS, FEATURES, FACTORS, 1);
    features[7] = 0;
    ItemFactorRegression zeroed = ItemFactorRegression.fit(features, targets, ROWS, FEATURES, FACTORS, 1);
    assertThat(regression.predict(new float[] {1, Float.NaN, 2, 3, 4}, 0))
        .containsExactly(zeroed.predict(new float[] {1, 0, 2, 3, 4}, 0));
  }

  @Test
  void rejectsAPenaltyThatIsNotPositiveAndAnEmptyTrainingSet() {
    assertThatThrownBy(() -> ItemFactorRegression.fit(new float[5], new float[3], 1, 5, 3, 0))
        .hasMessageContaining("ridge lambda 0.0 must be finite and > 0");
    assertThatThrownBy(() -> ItemFactorRegression.fit(new float[0], new float[0], 0, 5, 3, 1))
        .hasMessageContaining("no warm tracks");
  }
}
