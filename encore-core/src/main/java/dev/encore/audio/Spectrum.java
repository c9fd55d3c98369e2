package dev.encore.audio;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * One frame's magnitude and power spectrum: a periodic Hann window (librosa's and scipy's
 * {@code hann}, {@code fftbins=True}), a real FFT by JTransforms, magnitudes scaled by
 * {@link Framing#magnitudeScale()}. Holds scratch arrays: one instance per thread.
 */
final class Spectrum {
  private final Framing framing;
  private final DoubleFFT_1D fft;
  private final double[] window;
  private final double[] buffer;
  private final double[] magnitude;
  private final double[] power;

  Spectrum(Framing framing) {
    this.framing = framing;
    int length = framing.frameLength();
    fft = new DoubleFFT_1D(length);
    window = new double[length];
    for (int n = 0; n < length; n++) {
      window[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / length);
    }
    buffer = new double[length];
    magnitude = new double[framing.spectrumBins()];
    power = new double[framing.spectrumBins()];
  }

  /** Transforms {@code frame}; then read {@link #magnitude()} and {@link #power()}. */
  void analyse(float[] frame) {
    int length = framing.frameLength();
    for (int n = 0; n < length; n++) {
      buffer[n] = frame[n] * window[n];
    }
    // realForward packs Re[0], Re[n/2], then Re[k], Im[k] for k = 1 .. n/2 - 1 (n is even).
    fft.realForward(buffer);
    double scale = framing.magnitudeScale();
    int last = length / 2;
    setBin(0, buffer[0], 0, scale);
    setBin(last, buffer[1], 0, scale);
    for (int k = 1; k < last; k++) {
      setBin(k, buffer[2 * k], buffer[2 * k + 1], scale);
    }
  }

  private void setBin(int bin, double real, double imaginary, double scale) {
    double squared = (real * real + imaginary * imaginary) * scale * scale;
    power[bin] = squared;
    magnitude[bin] = Math.sqrt(squared);
  }

  /** |X[k]| for bins 0 .. frameLength/2 of the last frame; overwritten by the next. */
  double[] magnitude() {
    return magnitude;
  }

  /** |X[k]|^2 for bins 0 .. frameLength/2 of the last frame; overwritten by the next. */
  double[] power() {
    return power;
  }
}
