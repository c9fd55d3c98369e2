package dev.encore.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IterationCostTest {
  /** 2 users, 3 items, 4 entries, k = 2: small enough to count by hand. */
  private static final ProblemShape TINY = new ProblemShape(2, 3, 4);

  @Test
  void conjugateGradientCountsMatchAHandCount() {
    // Gram (U + I) k^2 = 5 * 4 = 20; products (1 + s)(8kN + 2k^2 (U + I)) = 2 * (64 + 40) = 208;
    // vector updates 10 k s (U + I) = 10 * 2 * 1 * 5 = 100.
    // Bytes: one gather per entry, 2N (4k + 12) = 8 * (8 + 12) = 160; rows read and written plus
    // Gram input 12k(U + I) = 120.
    IterationCost cost = IterationCost.conjugateGradient(TINY, 2, 1);

    assertThat(cost.flops()).isCloseTo(328, within(1e-9));
    assertThat(cost.bytes()).isCloseTo(280, within(1e-9));
  }

  @Test
  void choleskyCountsMatchAHandCount() {
    // Gram 20; per entry 2N (k^2 + 3k) = 8 * 10 = 80; per row (U + I)(k^3 / 3 + 3k^2) = 5 * (8/3 + 12).
    // Bytes: 2N (4k + 12) = 8 * 20 = 160; rows 8k (U + I) = 80.
    IterationCost cost = IterationCost.cholesky(TINY, 2);

    assertThat(cost.flops()).isCloseTo(100 + 5 * (8.0 / 3 + 12), within(1e-9));
    assertThat(cost.bytes()).isCloseTo(240, within(1e-9));
  }

  @Test
  void moreCgStepsCostMoreFlopsButNoMoreBytes() {
    ProblemShape shape = new ProblemShape(1000, 500, 20_000);
    IterationCost three = IterationCost.conjugateGradient(shape, 64, 3);
    IterationCost four = IterationCost.conjugateGradient(shape, 64, 4);

    assertThat(four.flops()).isGreaterThan(three.flops());
    // The extra product reads the row's gathered factors from cache.
    assertThat(four.bytes()).isEqualTo(three.bytes());
  }

  @Test
  void fractionsDivideTheRateByThePeak() {
    IterationCost cost = new IterationCost(328, 344);

    assertThat(cost.fractionOfPeak(2, 82)).isCloseTo(2.0, within(1e-12));
    assertThat(cost.fractionOfBandwidth(4, 43)).isCloseTo(2.0, within(1e-12));
  }
}
