package dev.encore.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GramTest {

  @Test
  void gramIsTheSumOfOuterProductsWhateverTheThreadCount() {
    // 19 takes the kernels' general path; 64 and 128 the vector kernel's chunks, which sum only
    // the upper triangle for Gram to mirror.
    for (int k : new int[] {19, 64, 128}) {
      checkGram(k);
    }
  }

  private static void checkGram(int k) {
    int rows = 5000;
    float[] factors = new float[rows * k];
    Random random = new Random(3);
    for (int i = 0; i < factors.length; i++) {
      factors[i] = random.nextFloat() - 0.5f;
    }
    double[] expected = new double[k * k];
    for (int r = 0; r < rows; r++) {
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          expected[a * k + b] += (double) factors[r * k + a] * factors[r * k + b];
        }
      }
    }
    double[] single = Gram.compute(factors, rows, k, 1);
    double[] parallel = Gram.compute(factors, rows, k, 3);
    assertThat(single).containsExactly(parallel);
    for (int i = 0; i < k * k; i++) {
      // Float sums within blocks of 2048 rows: agreement to about 1e-6 of the magnitude (~400).
      assertThat(single[i]).isCloseTo(expected[i], within(1e-3));
    }
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        assertThat(single[a * k + b]).isEqualTo(single[b * k + a]);
      }
    }
  }
}
