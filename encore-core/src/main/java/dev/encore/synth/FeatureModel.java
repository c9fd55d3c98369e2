package dev.encore.synth;

import java.util.SplittableRandom;

/**
 * Turns a track's genre and mood into audio features, so content-based recommenders have a
 * signal to find: each genre has a centre in feature space, drawn once from the seed, and a
 * track sits at its genre's centre plus Gaussian noise; the mood then shifts energy, tempo and
 * loudness and sets the emotion flags. Features come out in {@link TrackProfile#FEATURE_NAMES}
 * order.
 */
final class FeatureModel {
  /** How far genre centres spread for each timbre/spectral feature, and the noise around them. */
  private record Spread(double low, double high, double noise) {
  }

  private static final int MFCC_COUNT = 5;
  private static final int TEMPO = 5;
  private static final int BEAT_STRENGTH = 6;
  private static final int ENERGY = 7;
  private static final int LOUDNESS = 8;
  private static final int CENTROID = 9;
  private static final int ROLLOFF = 10;
  private static final int BANDWIDTH = 11;
  private static final int FIRST_EMOTION = 12;
  private static final int EMOTIONS = 4;

  private static final Spread[] GENRE_SPREAD = {
      new Spread(-300, -50, 25), new Spread(40, 160, 12), new Spread(-40, 40, 8),
      new Spread(-20, 50, 8), new Spread(-25, 25, 6),
      new Spread(75, 150, 10), new Spread(0.2, 0.9, 0.08), new Spread(0.2, 0.85, 0.07),
      new Spread(-22, -5, 2), new Spread(900, 3500, 250), new Spread(2000, 7500, 500),
      new Spread(1000, 3200, 200)};

  /** The named moods' energy shifts; tempo and loudness follow energy. */
  private static final double[] NAMED_MOOD_ENERGY = {0.10, -0.15, 0.25, -0.25};
  private static final double TEMPO_PER_ENERGY = 80;
  private static final double LOUDNESS_PER_ENERGY = 10;
  private static final double OWN_EMOTION_CHANCE = 0.9;
  private static final double OTHER_EMOTION_CHANCE = 0.05;

  private final double[][] genreCentres;
  private final double[] moodEnergy;

  FeatureModel(long seed, int genres, int moods) {
    SplittableRandom random = Seeds.random(seed, Seeds.GENRE_CENTRES, 0);
    genreCentres = new double[genres][GENRE_SPREAD.length];
    for (double[] centre : genreCentres) {
      for (int f = 0; f < GENRE_SPREAD.length; f++) {
        centre[f] = random.nextDouble(GENRE_SPREAD[f].low, GENRE_SPREAD[f].high);
      }
    }
    moodEnergy = new double[moods];
    for (int mood = 0; mood < moods; mood++) {
      moodEnergy[mood] = mood < NAMED_MOOD_ENERGY.length ? NAMED_MOOD_ENERGY[mood] : random.nextDouble(-0.25, 0.25);
    }
  }

  float[] features(int genre, int mood, SplittableRandom random) {
    float[] features = new float[TrackProfile.FEATURE_NAMES.size()];
    double[] centre = genreCentres[genre];
    for (int f = 0; f < GENRE_SPREAD.length; f++) {
      features[f] = (float) (centre[f] + GENRE_SPREAD[f].noise * random.nextGaussian());
    }
    double energyShift = moodEnergy[mood];
    features[ENERGY] = clamp(features[ENERGY] + energyShift, 0, 1);
    features[BEAT_STRENGTH] = clamp(features[BEAT_STRENGTH], 0, 1);
    features[TEMPO] = clamp(features[TEMPO] + TEMPO_PER_ENERGY * energyShift, 40, 220);
    features[LOUDNESS] = clamp(features[LOUDNESS] + LOUDNESS_PER_ENERGY * energyShift, -60, 0);
    features[CENTROID] = clamp(features[CENTROID], 100, 11_025);
    features[ROLLOFF] = clamp(features[ROLLOFF], features[CENTROID], 11_025);
    features[BANDWIDTH] = clamp(features[BANDWIDTH], 100, 11_025);
    int ownEmotion = mood % EMOTIONS;
    for (int emotion = 0; emotion < EMOTIONS; emotion++) {
      double chance = emotion == ownEmotion ? OWN_EMOTION_CHANCE : OTHER_EMOTION_CHANCE;
      features[FIRST_EMOTION + emotion] = random.nextDouble() < chance ? 1f : 0f;
    }
    return features;
  }

  private static float clamp(double value, double low, double high) {
    return (float) Math.max(low, Math.min(high, value));
  }

  static {
    if (MFCC_COUNT + 7 != GENRE_SPREAD.length
        || FIRST_EMOTION + EMOTIONS != TrackProfile.FEATURE_NAMES.size()) {
      throw new AssertionError("FeatureModel's layout disagrees with TrackProfile.FEATURE_NAMES");
    }
  }
}
