package dev.encore.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MfccTest {
  @Test
  void coefficientsAreTheOrthonormalDctTwoOfTheLogMelFrame() {
    int bands = 16;
    LogMelSpectrogram spectrogram = new LogMelSpectrogram(bands);
    double[] power = new double[bands];
    SplittableRandom random = new SplittableRandom(4);
    for (int band = 0; band < bands; band++) {
      power[band] = random.nextDouble(1e-3, 10);
    }
    spectrogram.add(power);
    double[] coefficients = new double[5];

    new Mfcc(bands, 5).compute(spectrogram, 0, coefficients);

    for (int k = 0; k < 5; k++) {
      double sum = 0;
      for (int n = 0; n < bands; n++) {
        sum += spectrogram.value(0, n) * Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * bands));
      }
      double expected = sum * Math.sqrt((k == 0 ? 1.0 : 2.0) / bands);
      assertThat(coefficients[k]).as("c" + k).isCloseTo(expected, within(1e-9));
    }
  }

  @Test
  void logMelIsDecibelsFlooredAndClippedEightyBelowThePeak() {
    LogMelSpectrogram spectrogram = new LogMelSpectrogram(3);
    spectrogram.add(new double[] {1, 1e-3, 0});
    spectrogram.add(new double[] {1e-12, 100, 1e-7});

    assertThat(spectrogram.value(0, 1)).isCloseTo(-30f, within(1e-4f));
    assertThat(spectrogram.value(0, 2)).isCloseTo(-100f, within(1e-4f));
    spectrogram.clipToDynamicRange();

    assertThat(spectrogram.value(1, 1)).isCloseTo(20f, within(1e-4f));
    assertThat(spectrogram.value(0, 2)).isCloseTo(-60f, within(1e-4f));
    assertThat(spectrogram.value(1, 2)).isCloseTo(-60f, within(1e-4f));
    assertThat(spectrogram.value(0, 0)).isCloseTo(0f, within(1e-4f));
  }
}
