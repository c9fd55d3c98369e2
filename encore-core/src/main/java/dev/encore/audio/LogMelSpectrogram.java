package dev.encore.audio;

import java.util.Arrays;

/**
 * Mel band powers of every frame in decibels, as librosa's {@code power_to_db} with its defaults:
 * 10 log10(max(power, 1e-10)) relative to power 1, then every value raised to at least the
 * loudest one minus 80 dB. The floor makes silence finite (-100 dB); the 80 dB range is taken
 * over the whole file, so the frames are kept (128 floats each, about 22 KB per second).
 */
final class LogMelSpectrogram {
  static final double MIN_POWER = 1e-10;
  static final double DYNAMIC_RANGE_DB = 80;

  private final int bands;
  private float[] decibels;
  private int frames;
  private boolean clipped;

  LogMelSpectrogram(int bands) {
    this.bands = bands;
    this.decibels = new float[bands * 256];
  }

  void add(double[] melPower) {
    if (clipped) {
      throw new IllegalStateException("frames cannot be added after clipping");
    }
    if ((frames + 1) * bands > decibels.length) {
      decibels = Arrays.copyOf(decibels, decibels.length * 2);
    }
    int start = frames * bands;
    for (int band = 0; band < bands; band++) {
      decibels[start + band] = (float) (10 * Math.log10(Math.max(MIN_POWER, melPower[band])));
    }
    frames++;
  }

  /** Raises every value to at least the peak minus {@link #DYNAMIC_RANGE_DB}; call once all frames are in. */
  void clipToDynamicRange() {
    float peak = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < frames * bands; i++) {
      peak = Math.max(peak, decibels[i]);
    }
    float floor = (float) (peak - DYNAMIC_RANGE_DB);
    for (int i = 0; i < frames * bands; i++) {
      decibels[i] = Math.max(decibels[i], floor);
    }
    clipped = true;
  }

  int frames() {
    return frames;
  }

  int bands() {
    return bands;
  }

  float value(int frame, int band) {
    return decibels[frame * bands + band];
  }
}
