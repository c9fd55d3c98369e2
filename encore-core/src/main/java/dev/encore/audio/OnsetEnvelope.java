package dev.encore.audio;

/**
 * How strongly each frame starts something new, as librosa's {@code onset.onset_strength}: the
 * mean over mel bands of the rise in dB from the previous frame (falls count as 0). Frame 0 has
 * no predecessor and gets 0.
 */
final class OnsetEnvelope {
  private OnsetEnvelope() {
  }

  static double[] of(LogMelSpectrogram spectrogram) {
    int frames = spectrogram.frames();
    int bands = spectrogram.bands();
    double[] envelope = new double[frames];
    for (int frame = 1; frame < frames; frame++) {
      double rise = 0;
      for (int band = 0; band < bands; band++) {
        rise += Math.max(0, spectrogram.value(frame, band) - spectrogram.value(frame - 1, band));
      }
      envelope[frame] = rise / bands;
    }
    return envelope;
  }
}
