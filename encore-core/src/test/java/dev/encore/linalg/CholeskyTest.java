package dev.encore.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
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
  void keepsTheFactorInTheUpperTriangle() {
    // A = [[4, 2, 2], [2, 5, 3], [2, 3, 6]] = U'U with U = [[2, 1, 1], [0, 2, 1], [0, 0, 2]]
    double[] a = {4, 2, 2, 2, 5, 3, 2, 3, 6};
    Cholesky.decompose(a, 3);
    assertThat(new double[] {a[0], a[1], a[2], a[4], a[5], a[8]})
        .containsExactly(new double[] {2, 1, 1, 2, 1, 2}, within(1e-12));
  }

  @Test
  void rejectsAMatrixThatIsNotPositiveDefinite() {
    assertThatThrownBy(() -> Cholesky.decompose(new double[] {1, 2, 2, 1}, 2))
        .isInstanceOf(ArithmeticException.class).hasMessageContaining("not positive definite");
  }

  /**
   * A = M'M + I for a random M, solved for a known x: the answer must come back and agree with
   * Gaussian elimination with partial pivoting on the same system, at sizes on and off the
   * kernels' vector width.
   */
  @Property(tries = 60)
  void solvesRandomPositiveDefiniteSystemsLikeGaussianElimination(@ForAll @IntRange(min = 1, max = 97) int k,
      @ForAll long seed) {
    Random random = new Random(seed);
    double[] m = random.doubles((long) k * k, -1, 1).toArray();
    double[] a = new double[k * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double sum = i == j ? 1 : 0;
        for (int p = 0; p < k; p++) {
          sum += m[p * k + i] * m[p * k + j];
        }
        a[i * k + j] = sum;
      }
    }
    double[] x = random.doubles(k, -2, 2).toArray();
    double[] b = new double[k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        b[i] += a[i * k + j] * x[j];
      }
    }
    double[] expected = gaussianElimination(a.clone(), b.clone(), k);
    double[] factor = a.clone();
    double[] solution = b.clone();
    Cholesky.decompose(factor, k);
    Cholesky.solve(factor, k, solution);
    for (int i = 0; i < k; i++) {
      assertThat(solution[i]).as("x[%d] of %d", i, k).isCloseTo(x[i], within(1e-7));
      assertThat(solution[i]).as("x[%d] of %d against elimination", i, k).isCloseTo(expected[i], within(1e-8));
    }
  }

  private static double[] gaussianElimination(double[] a, double[] b, int k) {
    for (int col = 0; col < k; col++) {
      int pivot = col;
      for (int row = col + 1; row < k; row++) {
        if (Math.abs(a[row * k + col]) > Math.abs(a[pivot * k + col])) {
          pivot = row;
        }
      }
      for (int c = 0; c < k; c++) {
        double swap = a[col * k + c];
        a[col * k + c] = a[pivot * k + c];
        a[pivot * k + c] = swap;
      }
      double swap = b[col];
      b[col] = b[pivot];
      b[pivot] = swap;
      for (int row = col + 1; row < k; row++) {
        double factor = a[row * k + col] / a[col * k + col];
        for (int c = col; c < k; c++) {
          a[row * k + c] -= factor * a[col * k + c];
        }
        b[row] -= factor * b[col];
      }
    }
    double[] x = new double[k];
    for (int row = k - 1; row >= 0; row--) {
      double sum = b[row];
      for (int c = row + 1; c < k; c++) {
        sum -= a[row * k + c] * x[c];
      }
      x[row] = sum / a[row * k + row];
    }
    return x;
  }
}
