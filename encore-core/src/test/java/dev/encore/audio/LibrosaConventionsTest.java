package dev.encore.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The whole frame-level pipeline against an independent implementation: the expected numbers
 * are the output of {@code src/test/resources/dev/encore/audio/librosa_reference.py}, a NumPy and
 * SciPy transcription of librosa's default formulas (its own FFT, mel matrix and DCT), on the
 * same two-second signal: 0.5 sin(2 pi 440 t) + 0.1 sin(2 pi 3000 t) at 22,050 Hz.
 */
class LibrosaConventionsTest {
  private static final double[] MFCC_MEANS = {-457.7014, 36.3610, 15.6565, 33.0156, -2.8415, -36.1230, -16.2170,
      -28.4340, -57.5714, -27.0884, -7.2344, -25.1354, 2.8911, 36.4126, 17.3166, 22.6845, 48.8005, 21.6309, 1.1601,
      18.6489};
  private static final double[] MFCC_VARIANCES = {2459.9107, 659.1617, 30.9405, 41.2324, 45.8598, 0.9882, 55.5666,
      12.2015, 0.5401, 16.1560, 21.6713, 1.9978, 5.5233, 10.6059, 3.3410, 17.6411, 50.4892, 10.2113, 0.0847, 4.9444};

  @Test
  void featuresMatchTheNumpyTranscriptionOfLibrosa() {
    float[] signal = new float[44_100];
    for (int n = 0; n < signal.length; n++) {
      signal[n] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * n / 22_050.0)
          + 0.1 * Math.sin(2 * Math.PI * 3000 * n / 22_050.0));
    }

    AudioFeatures features = new AudioFeatureExtractor().extract(signal, 22_050f);

    for (int c = 1; c <= 20; c++) {
      assertThat(features.value("mfcc" + c)).as("mfcc" + c).isCloseTo((float) MFCC_MEANS[c - 1], within(2e-3f));
      float variance = (float) MFCC_VARIANCES[c - 1];
      assertThat(features.value("mfcc" + c + "_var")).as("mfcc" + c + "_var")
          .isCloseTo(variance, within(Math.max(2e-3f, variance * 1e-5f)));
    }
    assertThat(features.value("spectral_centroid")).isCloseTo(884.4946f, within(2e-3f));
    assertThat(features.value("spectral_rolloff")).isCloseTo(2992.8677f, within(2e-3f));
    assertThat(features.value("spectral_bandwidth")).isCloseTo(982.6274f, within(2e-3f));
    assertThat(features.value("energy")).isCloseTo(0.357192f, within(2e-6f));
  }
}
