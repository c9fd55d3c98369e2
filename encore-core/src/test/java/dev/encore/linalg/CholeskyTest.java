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
}
