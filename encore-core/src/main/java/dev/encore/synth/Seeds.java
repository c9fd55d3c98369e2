package dev.encore.synth;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from one seed: the catalogue, the features of each track
 * and the plays of each listener get their own stream, so any listener (or a range of them, on
 * another machine) is generated identically without generating the ones before it.
 */
final class Seeds {
  static final long CATALOGUE = 1;
  static final long GENRE_CENTRES = 2;
  static final long TRACK_FEATURES = 3;
  static final long LISTENERS = 4;

  private Seeds() {
  }

  static SplittableRandom random(long seed, long stream, long index) {
    return new SplittableRandom(mix(mix(seed + stream * 0x9E3779B97F4A7C15L) + index));
  }

  /** The SplitMix64 finalizer (Steele, Lea and Flood 2014): neighbouring inputs, unrelated outputs. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
