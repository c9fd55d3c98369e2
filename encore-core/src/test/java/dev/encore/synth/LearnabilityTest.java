package dev.encore.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The generated plays must carry taste, not just popularity: item-to-item cosine neighbours, the
 * simplest collaborative filter, must find held-out tracks more often than recommending the most
 * popular tracks does.
 */
class LearnabilityTest {
  private static final int TOP = 10;

  @Test
  void itemNeighboursBeatPopularityOnHeldOutPlays() {
    SynthConfig config = SynthConfig.small();
    List<List<Integer>> played = new ArrayList<>();
    for (int listener = 0; listener < config.listeners(); listener++) {
      played.add(new ArrayList<>());
    }
    new PlayGenerator(config).generate((listener, track, count) -> played.get(listener).add(track));

    SplittableRandom random = new SplittableRandom(1);
    int[] heldOut = new int[config.listeners()];
    for (int listener = 0; listener < config.listeners(); listener++) {
      List<Integer> tracks = played.get(listener);
      heldOut[listener] = tracks.size() < 2 ? -1 : tracks.remove(random.nextInt(tracks.size()));
    }

    int tracks = config.tracks();
    double[] popularity = new double[tracks];
    float[][] cooccurrence = new float[tracks][tracks];
    for (List<Integer> history : played) {
      for (int a : history) {
        popularity[a]++;
        for (int b : history) {
          cooccurrence[a][b]++;
        }
      }
    }

    int popularHits = 0;
    int neighbourHits = 0;
    for (int listener = 0; listener < config.listeners(); listener++) {
      if (heldOut[listener] < 0) {
        continue;
      }
      List<Integer> history = played.get(listener);
      double[] neighbourScores = new double[tracks];
      for (int a : history) {
        for (int b = 0; b < tracks; b++) {
          if (popularity[b] > 0) {
            neighbourScores[b] += cooccurrence[a][b] / Math.sqrt(popularity[a] * popularity[b]);
          }
        }
      }
      popularHits += inTop(popularity, history, heldOut[listener]) ? 1 : 0;
      neighbourHits += inTop(neighbourScores, history, heldOut[listener]) ? 1 : 0;
    }

    assertThat(neighbourHits).isGreaterThan(popularHits * 3 / 2);
  }

  /** Whether {@code target} ranks in the top {@link #TOP} of the scores, played tracks left out. */
  private static boolean inTop(double[] scores, List<Integer> played, int target) {
    double targetScore = scores[target];
    int better = 0;
    boolean[] isPlayed = new boolean[scores.length];
    played.forEach(track -> isPlayed[track] = true);
    for (int track = 0; track < scores.length; track++) {
      if (!isPlayed[track] && track != target && scores[track] > targetScore) {
        better++;
      }
    }
    return better < TOP;
  }
}
