package dev.encore.audio;

import org.jtransforms.dct.DoubleDCT_1D;

/**
 * Mel-frequency cepstral coefficients as librosa's {@code feature.mfcc}: the orthonormal DCT-II
 * (JTransforms) of each frame's log-mel powers in dB, first {@code count} coefficients kept.
 * Coefficient 1 is the DCT's 0th term (overall level), as in librosa and GTZAN's {@code mfcc1}.
 */
final class Mfcc {
  private final int count;
  private final DoubleDCT_1D dct;
  private final double[] buffer;

  Mfcc(int bands, int count) {
    if (count > bands) {
      throw new IllegalArgumentException(count + " coefficients from " + bands + " mel bands");
    }
    this.count = count;
    this.dct = new DoubleDCT_1D(bands);
    this.buffer = new double[bands];
  }

  /** The frame's first {@code count} coefficients, into {@code coefficients}. */
  void compute(LogMelSpectrogram spectrogram, int frame, double[] coefficients) {
    for (int band = 0; band < buffer.length; band++) {
      buffer[band] = spectrogram.value(frame, band);
    }
    dct.forward(buffer, true);
    System.arraycopy(buffer, 0, coefficients, 0, count);
  }
}
