package dev.encore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkingSetTest {
  /** synth-10m's training split at k = 64, as the 2026-11-24 run reported its live-heap base (183.7 MiB). */
  private static final ProblemShape SYNTH_10M = new ProblemShape(200_000, 50_000, 7_974_858);

  @Test
  void factorsAndBothCsrMatricesAreCounted() {
    WorkingSet set = WorkingSet.of(SYNTH_10M, 64);

    assertThat(set.factorBytes()).isEqualTo(4L * 64 * 250_000);
    assertThat(set.csrBytes()).isEqualTo(16L * 7_974_858 + 4L * 200_001 + 4L * 50_001);
    assertThat(set.bytes() / 1048576.0).isBetween(183.6, 183.8);
  }

  @Test
  void statementSaysWhetherItFitsAndNamesTheL3() {
    WorkingSet set = WorkingSet.of(SYNTH_10M, 64);

    assertThat(set.fitsIn(105L << 20)).isFalse();
    assertThat(set.statement(105L << 20)).contains("183.7 MiB", "does not fit in the 105.0 MiB L3");
    assertThat(set.fitsIn(480L << 20)).isTrue();
    assertThat(set.statement(480L << 20)).contains("fits in the 480.0 MiB L3").doesNotContain("does not");
  }

  @Test
  void anUnknownL3IsSaidToBeUnknown() {
    WorkingSet set = WorkingSet.of(new ProblemShape(10, 10, 10), 8);

    assertThat(set.fitsIn(-1)).isFalse();
    assertThat(set.statement(-1)).contains("L3 size is unknown");
  }
}
