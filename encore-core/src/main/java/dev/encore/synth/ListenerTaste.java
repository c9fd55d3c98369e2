package dev.encore.synth;

import java.util.SplittableRandom;

/**
 * A listener's latent taste: a Dirichlet(1) mix over one to three favourite genres, and a
 * favourite mood chosen with probability {@code moodLoyalty} (any mood otherwise). It is what
 * a collaborative filter has to recover from the plays alone.
 */
record ListenerTaste(int[] genres, double[] cumulativeWeights, int mood, double moodLoyalty) {

  static ListenerTaste draw(SplittableRandom random, int genreCount, int moodCount) {
    double favourites = random.nextDouble();
    int count = Math.min(genreCount, favourites < 0.5 ? 1 : favourites < 0.8 ? 2 : 3);
    int[] genres = new int[count];
    double[] cumulative = new double[count];
    double total = 0;
    for (int i = 0; i < count; i++) {
      genres[i] = distinctGenre(random, genreCount, genres, i);
      // An exponential draw per genre, normalised, is a Dirichlet(1, ..., 1) sample.
      total += -Math.log(1.0 - random.nextDouble());
      cumulative[i] = total;
    }
    for (int i = 0; i < count; i++) {
      cumulative[i] /= total;
    }
    return new ListenerTaste(genres, cumulative, random.nextInt(moodCount), random.nextDouble(0.5, 0.9));
  }

  private static int distinctGenre(SplittableRandom random, int genreCount, int[] chosen, int chosenCount) {
    while (true) {
      int genre = random.nextInt(genreCount);
      boolean taken = false;
      for (int i = 0; i < chosenCount; i++) {
        taken |= chosen[i] == genre;
      }
      if (!taken) {
        return genre;
      }
    }
  }

  int pickGenre(SplittableRandom random) {
    double draw = random.nextDouble();
    for (int i = 0; i < genres.length - 1; i++) {
      if (draw < cumulativeWeights[i]) {
        return genres[i];
      }
    }
    return genres[genres.length - 1];
  }

  int pickMood(SplittableRandom random, int moodCount) {
    return random.nextDouble() < moodLoyalty ? mood : random.nextInt(moodCount);
  }
}
