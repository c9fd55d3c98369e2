package dev.encore.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FigureTest {
  @Test
  void latenciesArePercentilesOfTheTimedCalls() {
    Latencies latencies = Latencies.measure(10, 5, 100, argument -> { });

    assertThat(latencies.percentileMicros(50)).isLessThanOrEqualTo(latencies.percentileMicros(99));
  }

  @Test
  void medianOfAnEvenCountAveragesTheMiddleTwo() {
    assertThat(IterationTimes.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThat(IterationTimes.median(List.of(5.0, 1.0, 3.0))).isEqualTo(3.0);
    assertThat(IterationTimes.median(List.of())).isNaN();
  }

  @Test
  void procStatusFieldsAreReadInKilobytes() {
    List<String> status = List.of("Name:\tjava", "VmHWM:\t  123456 kB", "VmRSS:\t   1000 kB");

    assertThat(ProcessMemory.parseKilobytes(status, "VmHWM:")).isEqualTo(123456L * 1024);
    assertThat(ProcessMemory.parseKilobytes(status, "VmSwap:")).isEqualTo(-1);
  }

  @Test
  void sparkPerIterationTimeCancelsTheSharedSetup() {
    SparkRun.PerIteration derived = SparkRun.PerIteration.derive(21, 5, 5);

    assertThat(derived.seconds()).isCloseTo(4, within(1e-12));
    assertThat(derived.method()).isEqualTo("(fit(maxIter=5) - fit(maxIter=1)) / 4");
  }

  @Test
  void sparkPerIterationFallsBackToTheMeanWhenTheDifferenceIsUnusable() {
    assertThat(SparkRun.PerIteration.derive(10, 12, 5).seconds()).isCloseTo(2, within(1e-12));
    assertThat(SparkRun.PerIteration.derive(3, 3, 1).method()).isEqualTo("fit(maxIter=1) / 1");
  }

  @Test
  void datasetNamesParseCaseInsensitively() {
    assertThat(StandardDataset.parse("Synth-10M")).isEqualTo(StandardDataset.SYNTH_10M);
  }
}
