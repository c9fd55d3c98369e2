package dev.encore.als;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrainingMemoryTest {

  @Test
  void theEstimateCountsFactorsPlaysAndSystemsByHand() {
    AlsConfig config = AlsConfig.defaults().withFactors(10).withThreads(2);
    // factors 4*10*(3+5) = 320; plays 2*(7*12 + 4*(3+5+2)) = 248; gram 800; threads 2*8*(100+80) = 2,880
    assertThat(TrainingMemory.estimateBytes(3, 5, 7, config)).isEqualTo(320 + 248 + 800 + 2_880);
  }

  @Test
  void aFitLargerThanTheHeapIsRefusedWithTheSizesBeforeAnythingIsAllocated() {
    AlsConfig config = AlsConfig.defaults().withFactors(1024).withThreads(2);
    long heap = Runtime.getRuntime().maxMemory();
    long users = heap / (4L * 1024) + 1;
    assertThatThrownBy(() -> TrainingMemory.requireFits(users, users, 0, config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1024 factors needs about")
        .hasMessageContaining("-Xmx");
    TrainingMemory.requireFits(100, 100, 1_000, config);
  }
}
