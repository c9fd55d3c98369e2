package dev.encore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class PlayAggregationTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  @Property
  void onePlayMoreHalfLifeOldWeighsHalfAsMuch(@ForAll @LongRange(min = 1, max = 10_000_000) long halfLifeSeconds,
      @ForAll @LongRange(min = 0, max = 100_000_000) long ageSeconds) {
    PlayAggregation decay = PlayAggregation.halfLife(Duration.ofSeconds(halfLifeSeconds), NOW);
    double younger = decay.weight(NOW.minusSeconds(ageSeconds));
    double older = decay.weight(NOW.minusSeconds(ageSeconds + halfLifeSeconds));

    assertThat(older).isCloseTo(younger / 2, within(1e-12 + younger * 1e-9));
    assertThat(younger).isBetween(0.0, 1.0);
  }

  @Test
  void freshAndFuturePlaysWeighOneAndTheSumWeighsEveryPlayOne() {
    PlayAggregation decay = PlayAggregation.halfLife(Duration.ofDays(7), NOW);

    assertThat(decay.weight(NOW)).isEqualTo(1.0);
    assertThat(decay.weight(NOW.plusSeconds(3600))).isEqualTo(1.0);
    assertThat(decay.weight(NOW.minus(Duration.ofDays(21)))).isEqualTo(0.125);
    assertThat(PlayAggregation.sum().weight(Instant.EPOCH)).isEqualTo(1.0);
    assertThat(PlayAggregation.sum().isDecayed()).isFalse();
  }

  @Test
  void aHalfLifeMustBePositive() {
    assertThatThrownBy(() -> PlayAggregation.halfLife(Duration.ZERO, NOW)).hasMessageContaining("must be positive");
  }
}
