package dev.encore.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConfidenceTest {

  @Test
  void eachFunctionMatchesItsFormula() {
    assertThat(Confidence.linear(2f).confidence(3f)).isEqualTo(7f);
    assertThat(Confidence.log(1f, 1f).confidence(Float.parseFloat("6.389056"))).isCloseTo(3f, within(1e-5f));
    assertThat(Confidence.log(2f, 10f).confidence(10f)).isCloseTo(1f + 2f * (float) Math.log(2), within(1e-6f));
    assertThat(Confidence.binary(40f).confidence(17f)).isEqualTo(41f);
    assertThat(Confidence.binary(40f).confidence(0f)).isEqualTo(1f);
    assertThat(Confidence.capped(1f, 5f).confidence(100f)).isEqualTo(6f);
    assertThat(Confidence.capped(1f, 5f).confidence(2f)).isEqualTo(3f);
  }

  @Test
  void preferenceIsOneOnlyForPositiveValues() {
    assertThat(Confidence.preference(0.1f)).isEqualTo(1f);
    assertThat(Confidence.preference(0f)).isZero();
  }

  @Test
  void badSettingsNameTheParameter() {
    assertThatThrownBy(() -> Confidence.linear(-1f)).hasMessageContaining("alpha -1.0 must be finite and >= 0");
    assertThatThrownBy(() -> Confidence.log(1f, 0f)).hasMessageContaining("epsilon");
    assertThatThrownBy(() -> Confidence.Function.parse("square")).hasMessageContaining("'square'");
  }
}
