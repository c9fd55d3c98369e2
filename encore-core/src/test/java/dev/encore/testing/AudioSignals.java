package dev.encore.testing;

import java.util.SplittableRandom;

/** Generated test signals with known answers: tones, click tracks, noise, silence. */
public final class AudioSignals {
  private AudioSignals() {
  }

  public static float[] tone(double frequency, double amplitude, double seconds, float sampleRate) {
    float[] samples = new float[(int) Math.round(seconds * sampleRate)];
    for (int n = 0; n < samples.length; n++) {
      samples[n] = (float) (amplitude * Math.sin(2 * Math.PI * frequency * n / sampleRate));
    }
    return samples;
  }

  public static float[] sum(float[] first, float[] second) {
    float[] out = new float[first.length];
    for (int n = 0; n < out.length; n++) {
      out[n] = first[n] + second[n];
    }
    return out;
  }

  public static float[] scaled(float[] samples, double gain) {
    float[] out = new float[samples.length];
    for (int n = 0; n < out.length; n++) {
      out[n] = (float) (samples[n] * gain);
    }
    return out;
  }

  /** Uniform white noise in [-amplitude, amplitude], seeded. */
  public static float[] noise(double amplitude, double seconds, float sampleRate, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] samples = new float[(int) Math.round(seconds * sampleRate)];
    for (int n = 0; n < samples.length; n++) {
      samples[n] = (float) (amplitude * (2 * random.nextDouble() - 1));
    }
    return samples;
  }

  /**
   * A click every 60/bpm seconds from {@code offsetSeconds} on: each click a 10 ms burst of noise
   * decaying with a 2 ms time constant, as a metronome or a hi-hat.
   */
  public static float[] clicks(double bpm, double seconds, float sampleRate, double offsetSeconds, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] samples = new float[(int) Math.round(seconds * sampleRate)];
    int clickLength = (int) (0.010 * sampleRate);
    for (double time = offsetSeconds; time < seconds; time += 60 / bpm) {
      int start = (int) Math.round(time * sampleRate);
      for (int n = 0; n < clickLength && start + n < samples.length; n++) {
        double decay = Math.exp(-n / (0.002 * sampleRate));
        samples[start + n] += (float) (0.8 * decay * (2 * random.nextDouble() - 1));
      }
    }
    return samples;
  }
}
