package dev.encore.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpectrumTest {
  private static final Framing FRAMING = Framing.forRate(22_050f);
  private static final int LENGTH = FRAMING.frameLength();

  @Test
  void binCentredToneFillsExactlyThreeBinsWithHalfOneHalf() {
    int bin = 100;
    float[] frame = cosine(bin, 1.0);
    Spectrum spectrum = new Spectrum(FRAMING);

    spectrum.analyse(frame);

    // A cosine of amplitude A on bin k has |X[k]| = A N / 2; the periodic Hann window is
    // 1/2 - 1/2 cos, which splits it into 1/2 at k and 1/4 at k +- 1.
    double peak = LENGTH / 2.0 * 0.5;
    double[] magnitude = spectrum.magnitude();
    assertThat(magnitude[bin]).isCloseTo(peak, within(1e-6 * peak));
    assertThat(magnitude[bin - 1]).isCloseTo(peak / 2, within(1e-6 * peak));
    assertThat(magnitude[bin + 1]).isCloseTo(peak / 2, within(1e-6 * peak));
    double elsewhere = 0;
    for (int k = 0; k < magnitude.length; k++) {
      if (Math.abs(k - bin) > 1) {
        elsewhere = Math.max(elsewhere, magnitude[k]);
      }
    }
    assertThat(elsewhere).isLessThan(1e-6 * peak);
    assertThat(spectrum.power()[bin]).isCloseTo(peak * peak, within(1e-6 * peak * peak));
  }

  @Test
  void spectralShapeOfTwoBinCentredTonesIsKnownByHand() {
    float[] frame = cosine(93, 0.3);
    float[] upper = cosine(279, 0.3);
    for (int n = 0; n < LENGTH; n++) {
      frame[n] += upper[n];
    }
    Spectrum spectrum = new Spectrum(FRAMING);
    spectrum.analyse(frame);

    SpectralShape shape = SpectralShape.of(spectrum.magnitude(), FRAMING, 0.85);

    // Float samples leave rounding leakage near 1e-7 of the peak in far bins, hence 0.01 Hz.
    double binHz = FRAMING.binFrequency(1);
    assertThat(shape.centroid()).isCloseTo(186 * binHz, within(0.01));
    assertThat(shape.bandwidth()).isCloseTo(Math.sqrt(93 * 93 + 0.5) * binHz, within(0.01));
    assertThat(shape.rolloff()).isCloseTo(279 * binHz, within(1e-9));
  }

  @Test
  void framesAtHigherRatesKeepTheDurationAndTheBand() {
    Framing at44 = Framing.forRate(44_100f);
    Framing at48 = Framing.forRate(48_000f);

    assertThat(at44.frameLength()).isEqualTo(4096);
    assertThat(at44.hopLength()).isEqualTo(1024);
    assertThat(at44.binFrequency(at44.bandBins() - 1)).isEqualTo(11_025.0);
    assertThat(at48.frameLength() / 48_000.0).isCloseTo(2048 / 22_050.0, within(1e-4));
    assertThat(at48.binFrequency(at48.bandBins() - 1)).isLessThanOrEqualTo(11_025.0);
    assertThat(at48.binFrequency(at48.bandBins())).isGreaterThan(11_025.0);
    assertThat(FRAMING.magnitudeScale()).isEqualTo(1.0);
  }

  private static float[] cosine(int bin, double amplitude) {
    float[] frame = new float[LENGTH];
    for (int n = 0; n < LENGTH; n++) {
      frame[n] = (float) (amplitude * Math.cos(2 * Math.PI * bin * n / LENGTH));
    }
    return frame;
  }
}
