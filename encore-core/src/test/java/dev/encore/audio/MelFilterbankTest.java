package dev.encore.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MelFilterbankTest {
  private static final Framing FRAMING = Framing.forRate(22_050f);

  @Test
  void slaneyScaleIsLinearToOneKilohertzThenLogarithmic() {
    assertThat(MelFilterbank.hzToMel(0)).isZero();
    assertThat(MelFilterbank.hzToMel(200)).isCloseTo(3.0, within(1e-12));
    assertThat(MelFilterbank.hzToMel(1000)).isCloseTo(15.0, within(1e-12));
    // 27 mels for every factor 6.4 above 1 kHz.
    assertThat(MelFilterbank.hzToMel(6400)).isCloseTo(42.0, within(1e-12));
    for (double hz : new double[] {50, 999, 1001, 4321, 11_025}) {
      assertThat(MelFilterbank.melToHz(MelFilterbank.hzToMel(hz))).isCloseTo(hz, within(1e-9));
    }
  }

  @Test
  void everyFilterHasUnitAreaInHertz() {
    // With bins 10.8 Hz apart, the narrowest filters (52 Hz, under five bins, below 1 kHz) are
    // sampled coarsely, so the sum of weight * bin width is 1 only to a few percent.
    MelFilterbank filterbank = new MelFilterbank(FRAMING, 128, 0, 11_025);
    double binHz = FRAMING.binFrequency(1);
    for (int band = 0; band < filterbank.bands(); band++) {
      double area = 0;
      for (int bin = 0; bin < FRAMING.spectrumBins(); bin++) {
        area += filterbank.weight(band, bin) * binHz;
      }
      assertThat(area).as("band " + band).isCloseTo(1.0, within(0.05));
    }
  }

  @Test
  void aSingleBinLightsTheFilterCentredNearIt() {
    MelFilterbank filterbank = new MelFilterbank(FRAMING, 128, 0, 11_025);
    int bin = 186;
    double[] power = new double[FRAMING.spectrumBins()];
    power[bin] = 1;
    double[] mel = new double[128];

    filterbank.apply(power, mel);

    int loudest = 0;
    for (int band = 1; band < mel.length; band++) {
      loudest = mel[band] > mel[loudest] ? band : loudest;
    }
    double binMel = MelFilterbank.hzToMel(FRAMING.binFrequency(bin));
    double bandSpacing = MelFilterbank.hzToMel(11_025) / 129;
    // Band b is centred at (b + 1) spacings of mel.
    assertThat((loudest + 1) * bandSpacing).isCloseTo(binMel, within(bandSpacing));
    assertThat(mel[loudest]).isEqualTo(filterbank.weight(loudest, bin));
  }
}
