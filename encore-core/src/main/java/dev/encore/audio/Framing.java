package dev.encore.audio;

/**
 * How a signal at its own sample rate is cut into frames. Encore analyses every file as librosa
 * does at 22,050 Hz (2,048-sample frames, hop 512, spectrum up to 11,025 Hz) without resampling:
 * at another rate the frame and hop keep the same durations (92.9 ms and 23.2 ms), only bins up
 * to 11,025 Hz count, and magnitudes are scaled by 2,048 / frame length, so a file gives about
 * the same features at 22,050, 44,100 or 48,000 Hz. At 22,050 Hz the scale is exactly 1.
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
    // An even frame keeps the centre padding (half a frame each side) a whole number of samples.
    int frame = 2 * (int) Math.round(ANALYSIS_FRAME / 2 * ratio);
    int hop = (int) Math.max(1, Math.round(ANALYSIS_HOP * ratio));
    return new Framing(sampleRate, frame, hop);
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
