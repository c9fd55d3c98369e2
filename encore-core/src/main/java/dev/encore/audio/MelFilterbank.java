package dev.encore.audio;

/**
 * Triangular mel filters as librosa's {@code filters.mel} with its defaults ({@code htk=False},
 * {@code norm='slaney'}): the Slaney mel scale (linear below 1 kHz, logarithmic above), bands
 * evenly spaced in mel from 0 Hz to 11,025 Hz, each filter scaled to unit area in Hz so wide
 * bands do not outweigh narrow ones.
 */
final class MelFilterbank {
  private static final double LINEAR_HZ_PER_MEL = 200.0 / 3;
  private static final double LOG_START_HZ = 1000;
  private static final double LOG_START_MEL = LOG_START_HZ / LINEAR_HZ_PER_MEL;
  private static final double LOG_STEP = Math.log(6.4) / 27;

  private final int bands;
  /** Per band, the first bin with a non-zero weight, and the weights from there. */
  private final int[] firstBin;
  private final double[][] weights;

  MelFilterbank(Framing framing, int bands, double lowHz, double highHz) {
    this.bands = bands;
    double[] edges = new double[bands + 2];
    double lowMel = hzToMel(lowHz);
    double highMel = hzToMel(highHz);
    for (int i = 0; i < edges.length; i++) {
      edges[i] = melToHz(lowMel + (highMel - lowMel) * i / (bands + 1));
    }
    firstBin = new int[bands];
    weights = new double[bands][];
    int bins = framing.spectrumBins();
    for (int band = 0; band < bands; band++) {
      double left = edges[band];
      double centre = edges[band + 1];
      double right = edges[band + 2];
      double areaNorm = 2 / (right - left);
      double[] row = new double[bins];
      int first = -1;
      int last = -1;
      for (int bin = 0; bin < bins; bin++) {
        double frequency = framing.binFrequency(bin);
        double rising = (frequency - left) / (centre - left);
        double falling = (right - frequency) / (right - centre);
        double weight = Math.max(0, Math.min(rising, falling));
        if (weight > 0) {
          row[bin] = weight * areaNorm;
          first = first < 0 ? bin : first;
          last = bin;
        }
      }
      firstBin[band] = Math.max(first, 0);
      weights[band] = first < 0 ? new double[0] : java.util.Arrays.copyOfRange(row, first, last + 1);
    }
  }

  /** Slaney's mel scale: 3 mels per 200 Hz up to 1 kHz (15 mel), then 27 mels per factor 6.4. */
  static double hzToMel(double hz) {
    return hz < LOG_START_HZ ? hz / LINEAR_HZ_PER_MEL : LOG_START_MEL + Math.log(hz / LOG_START_HZ) / LOG_STEP;
  }

  static double melToHz(double mel) {
    return mel < LOG_START_MEL ? mel * LINEAR_HZ_PER_MEL : LOG_START_HZ * Math.exp(LOG_STEP * (mel - LOG_START_MEL));
  }

  int bands() {
    return bands;
  }

  /** The weight of {@code bin} in {@code band} (0 outside the filter). */
  double weight(int band, int bin) {
    int offset = bin - firstBin[band];
    return offset >= 0 && offset < weights[band].length ? weights[band][offset] : 0;
  }

  /** mel[band] = sum over bins of weight * power. */
  void apply(double[] power, double[] mel) {
    for (int band = 0; band < bands; band++) {
      double[] row = weights[band];
      int first = firstBin[band];
      double sum = 0;
      for (int i = 0; i < row.length; i++) {
        sum += row[i] * power[first + i];
      }
      mel[band] = sum;
    }
  }
}
