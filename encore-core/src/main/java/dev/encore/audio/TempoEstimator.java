package dev.encore.audio;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Tempo and beat strength from the autocorrelation of an onset envelope.
 *
 * <ol>
 *   <li>The envelope is smoothed with a Gaussian of one frame (23 ms), so a beat that falls
 *       between two frames still lines up with the next one, and its mean is removed.</li>
 *   <li>Its autocorrelation (through JTransforms' FFT) is searched for local maxima at lags
 *       between {@link #MIN_BPM} and {@link #MAX_BPM}, at most half the envelope long (two beats
 *       must fit). Each is weighted, as librosa's {@code beat.tempo} does, by a log-normal prior
 *       centred on {@link #PRIOR_CENTRE_BPM} with a standard deviation of one octave, which picks
 *       between a tempo and its half or double; the best weighted peak is the beat period.</li>
 *   <li>The period is refined below one frame: parabolic interpolation of the peak, and of the
 *       peaks at 2, 3, ... up to {@link #MAX_MULTIPLES} periods, averaged (sum of peak lags over
 *       sum of multiples). A 23 ms frame alone would put 120 BPM between 117.5 and 123.0.</li>
 * </ol>
 *
 * Beat strength is the autocorrelation at the beat period over the one at lag 0, each divided
 * by its number of terms: 1 for a perfectly periodic envelope, near 0 for one without a beat,
 * clipped to [0, 1]. An envelope with no periodic peak (silence, a steady tone, audio shorter
 * than two beats at {@link #MIN_BPM}) gives {@link Tempo#NONE}: tempo 0 and strength 0.
 */
final class TempoEstimator {
  static final double MIN_BPM = 30;
  static final double MAX_BPM = 300;
  static final double PRIOR_CENTRE_BPM = 120;
  static final double PRIOR_OCTAVES = 1;
  static final int MAX_MULTIPLES = 8;
  private static final double SMOOTHING_FRAMES = 1;
  /** How far, in frames, the peak at k periods may lie from k times the current estimate. */
  private static final int MULTIPLE_SEARCH = 2;

  /** A tempo in beats per minute and the beat strength in [0, 1]. */
  record Tempo(double bpm, double strength) {
    static final Tempo NONE = new Tempo(0, 0);
  }

  private TempoEstimator() {
  }

  static Tempo estimate(double[] onsetEnvelope, double framesPerSecond) {
    int frames = onsetEnvelope.length;
    double[] centred = withoutMean(smoothed(onsetEnvelope));
    double[] autocorrelation = autocorrelation(centred);
    double atZero = autocorrelation[0];
    // Below this the envelope is flat up to rounding: nothing periodic to find.
    if (!(atZero > 1e-12 * frames)) {
      return Tempo.NONE;
    }
    int longestLag = Math.min((int) Math.floor(60 * framesPerSecond / MIN_BPM), frames / 2);
    int shortestLag = Math.max(1, (int) Math.ceil(60 * framesPerSecond / MAX_BPM));
    int best = -1;
    double bestScore = 0;
    for (int lag = shortestLag; lag <= longestLag && lag + 1 < frames; lag++) {
      double value = autocorrelation[lag];
      if (value > 0 && value >= autocorrelation[lag - 1] && value >= autocorrelation[lag + 1]) {
        double score = value / atZero * prior(60 * framesPerSecond / lag);
        if (score > bestScore) {
          bestScore = score;
          best = lag;
        }
      }
    }
    if (best < 0) {
      return Tempo.NONE;
    }
    double period = refinedPeriod(autocorrelation, best, frames / 2);
    double strength = (autocorrelation[best] / (frames - best)) / (atZero / frames);
    return new Tempo(60 * framesPerSecond / period, Math.max(0, Math.min(1, strength)));
  }

  /** The log-normal tempo prior, 1 at {@link #PRIOR_CENTRE_BPM}. */
  static double prior(double bpm) {
    double octaves = Math.log(bpm / PRIOR_CENTRE_BPM) / Math.log(2) / PRIOR_OCTAVES;
    return Math.exp(-0.5 * octaves * octaves);
  }

  private static double refinedPeriod(double[] autocorrelation, int peak, int longestLag) {
    double sumOfPeakLags = peak + parabolicOffset(autocorrelation, peak);
    int sumOfMultiples = 1;
    double period = sumOfPeakLags;
    for (int multiple = 2; multiple <= MAX_MULTIPLES; multiple++) {
      int expected = (int) Math.round(multiple * period);
      if (expected + MULTIPLE_SEARCH + 1 > longestLag) {
        break;
      }
      int found = expected - MULTIPLE_SEARCH;
      for (int lag = found + 1; lag <= expected + MULTIPLE_SEARCH; lag++) {
        if (autocorrelation[lag] > autocorrelation[found]) {
          found = lag;
        }
      }
      boolean isPeak = Math.abs(found - expected) < MULTIPLE_SEARCH && autocorrelation[found] > 0;
      if (!isPeak) {
        break;
      }
      sumOfPeakLags += found + parabolicOffset(autocorrelation, found);
      sumOfMultiples += multiple;
      period = sumOfPeakLags / sumOfMultiples;
    }
    return period;
  }

  /** Where the parabola through the peak and its neighbours tops out, in (-0.5, 0.5). */
  private static double parabolicOffset(double[] values, int peak) {
    double before = values[peak - 1];
    double at = values[peak];
    double after = values[peak + 1];
    double curvature = before - 2 * at + after;
    if (curvature >= 0) {
      return 0;
    }
    return Math.max(-0.5, Math.min(0.5, 0.5 * (before - after) / curvature));
  }

  private static double[] smoothed(double[] envelope) {
    int radius = (int) Math.ceil(3 * SMOOTHING_FRAMES);
    double[] kernel = new double[2 * radius + 1];
    double total = 0;
    for (int i = -radius; i <= radius; i++) {
      kernel[i + radius] = Math.exp(-0.5 * (i / SMOOTHING_FRAMES) * (i / SMOOTHING_FRAMES));
      total += kernel[i + radius];
    }
    double[] out = new double[envelope.length];
    for (int t = 0; t < envelope.length; t++) {
      double sum = 0;
      for (int i = -radius; i <= radius; i++) {
        int at = t + i;
        if (at >= 0 && at < envelope.length) {
          sum += kernel[i + radius] * envelope[at];
        }
      }
      out[t] = sum / total;
    }
    return out;
  }

  private static double[] withoutMean(double[] values) {
    double mean = 0;
    for (double value : values) {
      mean += value;
    }
    mean /= Math.max(1, values.length);
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] - mean;
    }
    return out;
  }

  /**
   * r[lag] = sum over t of x[t] x[t + lag], for every lag, as the inverse FFT of |FFT(x)|^2 with
   * enough zero padding (at least twice the length) that the correlation does not wrap around.
   */
  static double[] autocorrelation(double[] values) {
    int length = values.length;
    int size = Integer.highestOneBit(Math.max(2, 2 * length - 1) - 1) << 1;
    double[] buffer = new double[size];
    System.arraycopy(values, 0, buffer, 0, length);
    DoubleFFT_1D fft = new DoubleFFT_1D(size);
    fft.realForward(buffer);
    buffer[0] = buffer[0] * buffer[0];
    buffer[1] = buffer[1] * buffer[1];
    for (int k = 1; k < size / 2; k++) {
      double real = buffer[2 * k];
      double imaginary = buffer[2 * k + 1];
      buffer[2 * k] = real * real + imaginary * imaginary;
      buffer[2 * k + 1] = 0;
    }
    fft.realInverse(buffer, true);
    double[] result = new double[length];
    System.arraycopy(buffer, 0, result, 0, length);
    return result;
  }
}
