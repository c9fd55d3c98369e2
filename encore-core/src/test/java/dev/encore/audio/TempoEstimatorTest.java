package dev.encore.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TempoEstimatorTest {
  private static final double FRAMES_PER_SECOND = 22_050 / 512.0;

  @Property(tries = 50)
  void autocorrelationEqualsTheDirectSum(@ForAll @IntRange(min = 1, max = 300) int length, @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[length];
    for (int i = 0; i < length; i++) {
      values[i] = random.nextDouble(-1, 1);
    }

    double[] fast = TempoEstimator.autocorrelation(values);

    for (int lag = 0; lag < length; lag++) {
      double direct = 0;
      for (int t = 0; t + lag < length; t++) {
        direct += values[t] * values[t + lag];
      }
      assertThat(fast[lag]).isCloseTo(direct, within(1e-9 * length));
    }
  }

  @Property(tries = 40)
  void periodicPulsesGiveTheirTempoBetweenFrames(@ForAll @DoubleRange(min = 50, max = 165) double bpm,
      @ForAll @DoubleRange(min = 0, max = 1) double phase) {
    // Pulses at fractional frame positions, as beats fall in a real recording.
    double period = 60 * FRAMES_PER_SECOND / bpm;
    double[] envelope = new double[1500];
    for (double at = phase * period; at < envelope.length - 1; at += period) {
      int frame = (int) Math.floor(at);
      double fraction = at - frame;
      envelope[frame] += 1 - fraction;
      envelope[frame + 1] += fraction;
    }

    TempoEstimator.Tempo tempo = TempoEstimator.estimate(envelope, FRAMES_PER_SECOND);

    assertThat(tempo.bpm()).isCloseTo(bpm, within(0.5));
    assertThat(tempo.strength()).isGreaterThan(0.8);
  }

  @Test
  void flatOrTooShortEnvelopesHaveNoBeat() {
    assertThat(TempoEstimator.estimate(new double[1000], FRAMES_PER_SECOND)).isEqualTo(TempoEstimator.Tempo.NONE);
    double[] oneOnset = new double[1000];
    oneOnset[10] = 5;
    assertThat(TempoEstimator.estimate(oneOnset, FRAMES_PER_SECOND).strength()).isLessThan(0.1);
    assertThat(TempoEstimator.estimate(new double[] {1, 0, 1}, FRAMES_PER_SECOND)).isEqualTo(TempoEstimator.Tempo.NONE);
  }

  @Test
  void thePriorPrefersTempiNearOneHundredTwenty() {
    assertThat(TempoEstimator.prior(120)).isEqualTo(1.0);
    assertThat(TempoEstimator.prior(60)).isCloseTo(Math.exp(-0.5), within(1e-12));
    assertThat(TempoEstimator.prior(240)).isCloseTo(Math.exp(-0.5), within(1e-12));
  }
}
