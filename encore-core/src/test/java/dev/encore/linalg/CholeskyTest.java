package dev.encore.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CholeskyTest {

  @Test
  void solvesAHandComputedSystem() {
    // A = [[4, 2], [2, 3]], b = [2, 1]: x = [0.5, 0]
    double[] a = {4, 2, 2, 3};
    double[] b = {2, 1};
    Cholesky.decompose(a, 2);
    Cholesky.solve(a, 2, b);
    assertThat(b[0]).isCloseTo(0.5, within(1e-12));
    assertThat(b[1]).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void rejectsAMatrixThatIsNotPositiveDefinite() {
    assertThatThrownBy(() -> Cholesky.decompose(new double[] {1, 2, 2, 1}, 2))
        .isInstanceOf(ArithmeticException.class).hasMessageContaining("not positive definite");
  }

  @Test
  void gramIsTheSumOfOuterProductsWhateverTheThreadCount() {
    float[] factors = new float[5000 * 3];
    java.util.Random random = new java.util.Random(3);
    for (int i = 0; i < factors.length; i++) {
      factors[i] = random.nextFloat() - 0.5f;
    }
    double[] expected = new double[9];
    for (int r = 0; r < 5000; r++) {
      for (int a = 0; a < 3; a++) {
        for (int b = 0; b < 3; b++) {
          expected[a * 3 + b] += (double) factors[r * 3 + a] * factors[r * 3 + b];
        }
      }
    }
    double[] single = Gram.compute(factors, 5000, 3, 1);
    double[] parallel = Gram.compute(factors, 5000, 3, 3);
    assertThat(single).containsExactly(parallel);
    for (int i = 0; i < 9; i++) {
      assertThat(single[i]).isCloseTo(expected[i], within(1e-9));
    }
  }
}
