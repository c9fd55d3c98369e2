package dev.encore.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

class RunningMomentsTest {
  @Property(tries = 100)
  void matchesTheTwoPassMeanAndPopulationVariance(
      @ForAll @Size(min = 2, max = 50) List<@DoubleRange(min = -1e4, max = 1e4) Double> values) {
    RunningMoments moments = new RunningMoments();
    values.forEach(moments::add);

    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double variance = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / values.size();
    assertThat(moments.mean()).isCloseTo(mean, within(1e-9 * 1e4));
    assertThat(moments.variance()).isCloseTo(variance, within(1e-6 * Math.max(1, variance)));
    assertThat(moments.count()).isEqualTo(values.size());
  }
}
