package dev.encore.audio;

/**
 * How a signal at its own sample rate is cut into frames. Encore analyses every file as librosa
 * does at 22,050 Hz (2,048-sample frames, hop 512, spectrum up to 11,025 Hz) without resampling:
 * at another rate the frame and hop keep the same durations (92.9 ms and 23.2 ms), only bins up
 * to 11,025 Hz count, and magnitudes are scaled by 2,048 / frame length, so a file gives about
 * the same features at 22,050, 44,100 or 48,000 Hz. At 22,050 Hz the scale is exactly 1.
 *
 * <p>Where the exact frame length has a large prime factor (4,458 samples at 48 kHz), JTransforms
 * falls back to Bluestein's algorithm, about ten times slower; the frame is then the nearest even
 * length with no prime factor above 5 (4,500 at 48 kHz), at most 2% longer or shorter.
 */
record Framing(float sampleRate, int frameLength, int hopLength) {
  /** The rate whose conventions (librosa's defaults) every file is analysed by. */
  static final double ANALYSIS_RATE = 22_050;
  static final int ANALYSIS_FRAME = 2_048;
  static final int ANALYSIS_HOP = 512;
  /** The top of the analysed band: the Nyquist frequency of {@link #ANALYSIS_RATE}. */
  static final double TOP_FREQUENCY = ANALYSIS_RATE / 2;

  static Framing forRate(float sampleRate) {
    double ratio = sampleRate / ANALYSIS_RATE;
    int hop = (int) Math.max(1, Math.round(ANALYSIS_HOP * ratio));
    return new Framing(sampleRate, fastFrameLength(ANALYSIS_FRAME * ratio), hop);
  }

  /**
   * The even length nearest {@code ideal} whose only prime factors are 2, 3 and 5, within 2%;
   * else the nearest even length. Even keeps the centre padding a whole number of samples.
   */
  static int fastFrameLength(double ideal) {
    int nearest = 2 * (int) Math.round(ideal / 2);
    for (int distance = 0; distance <= 0.02 * ideal; distance += 2) {
      if (isFiveSmooth(nearest - distance)) {
        return nearest - distance;
      }
      if (isFiveSmooth(nearest + distance)) {
        return nearest + distance;
      }
    }
    return nearest;
  }

  private static boolean isFiveSmooth(int length) {
    if (length < 2) {
      return false;
    }
    int rest = length;
    for (int factor : new int[] {2, 3, 5}) {
      while (rest % factor == 0) {
        rest /= factor;
      }
    }
    return rest == 1;
  }

  /** Bins 0 .. frameLength/2 of the real FFT. */
  int spectrumBins() {
    return frameLength / 2 + 1;
  }

  /** The bins at or below {@link #TOP_FREQUENCY}: the band every spectral feature looks at. */
  int bandBins() {
    return Math.min(spectrumBins(), (int) Math.floor(TOP_FREQUENCY * frameLength / sampleRate) + 1);
  }

  double binFrequency(int bin) {
    return bin * (double) sampleRate / frameLength;
  }

  /** Makes magnitudes independent of the frame length (which grows with the sample rate). */
  double magnitudeScale() {
    return ANALYSIS_FRAME / (double) frameLength;
  }

  double framesPerSecond() {
    return sampleRate / (double) hopLength;
  }

  /** Converts a per-sample rate at this sample rate to the same rate per sample at 22,050 Hz. */
  double perAnalysisSample(double perSample) {
    return perSample * sampleRate / ANALYSIS_RATE;
  }
}
