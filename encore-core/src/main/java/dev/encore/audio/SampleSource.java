package dev.encore.audio;

import java.io.IOException;

/** Mono samples in [-1, 1] at a fixed rate, read in order: a decoded file or a signal in memory. */
interface SampleSource {
  float sampleRate();

  /** Reads up to {@code length} samples into {@code buffer}; returns how many, or -1 at the end. */
  int read(float[] buffer, int offset, int length) throws IOException;

  /** A signal already in memory. */
  static SampleSource of(float[] samples, float sampleRate) {
    return new SampleSource() {
      private int position;

      @Override
      public float sampleRate() {
        return sampleRate;
      }

      @Override
      public int read(float[] buffer, int offset, int length) {
        if (position == samples.length) {
          return -1;
        }
        int count = Math.min(length, samples.length - position);
        System.arraycopy(samples, position, buffer, offset, count);
        position += count;
        return count;
      }
    };
  }
}
