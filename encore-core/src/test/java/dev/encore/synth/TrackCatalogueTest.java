package dev.encore.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackCatalogueTest {
  private static final TrackCatalogue CATALOGUE = new TrackCatalogue(SynthConfig.small());

  @Test
  void aTrackIdLeadsBackToItsTrackAndForeignIdsAreRefused() {
    for (int track : new int[] {0, 17, CATALOGUE.size() - 1}) {
      assertThat(CATALOGUE.track(CATALOGUE.trackId(track))).isEqualTo(track);
    }
    String last = CATALOGUE.trackId(CATALOGUE.size() - 1);
    String justPastTheEnd = "t" + CATALOGUE.size();
    for (String foreign : new String[] {"u" + last.substring(1), last + "0", "t", "t-1", CATALOGUE.trackId(0)
        .replace('0', 'x'), justPastTheEnd}) {
      assertThatThrownBy(() -> CATALOGUE.track(foreign)).as(foreign).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(foreign);
    }
  }

  @Test
  void featuresSitCloserWithinAGenreThanAcrossGenres() {
    List<double[]> standardized = standardizedFeatures(CATALOGUE);
    double within = 0;
    long withinPairs = 0;
    double between = 0;
    long betweenPairs = 0;
    for (int a = 0; a < CATALOGUE.size(); a++) {
      for (int b = a + 1; b < CATALOGUE.size(); b++) {
        double distance = distance(standardized.get(a), standardized.get(b));
        if (CATALOGUE.genre(a).equals(CATALOGUE.genre(b))) {
          within += distance;
          withinPairs++;
        } else {
          between += distance;
          betweenPairs++;
        }
      }
    }

    assertThat(within / withinPairs).isLessThan(0.8 * between / betweenPairs);
  }

  @Test
  void moodDrivesEmotionFlagsAndEnergy() {
    double happyFlagOnHappyTracks = 0;
    int happyTracks = 0;
    double energeticEnergy = 0;
    int energeticTracks = 0;
    double calmEnergy = 0;
    int calmTracks = 0;
    for (int track = 0; track < CATALOGUE.size(); track++) {
      TrackProfile profile = CATALOGUE.profile(track);
      switch (profile.mood()) {
        case "happy" -> {
          happyFlagOnHappyTracks += profile.feature("happy");
          happyTracks++;
        }
        case "energetic" -> {
          energeticEnergy += profile.feature("energy");
          energeticTracks++;
        }
        case "calm" -> {
          calmEnergy += profile.feature("energy");
          calmTracks++;
        }
        default -> { }
      }
    }

    assertThat(happyFlagOnHappyTracks / happyTracks).isGreaterThan(0.8);
    assertThat(energeticEnergy / energeticTracks).isGreaterThan(calmEnergy / calmTracks + 0.3);
  }

  @Test
  void profilesAreTheSameEveryCallAndValuesStayInRange() {
    TrackProfile profile = CATALOGUE.profile(17);

    assertThat(CATALOGUE.profile(17)).usingRecursiveComparison().isEqualTo(profile);
    assertThat(profile.trackId()).isEqualTo("t0017");
    assertThat(profile.features()).hasSize(TrackProfile.FEATURE_NAMES.size());
    for (int track = 0; track < CATALOGUE.size(); track++) {
      TrackProfile each = CATALOGUE.profile(track);
      assertThat(each.feature("energy")).isBetween(0f, 1f);
      assertThat(each.feature("loudness")).isLessThanOrEqualTo(0f);
      assertThat(each.feature("spectral_rolloff")).isGreaterThanOrEqualTo(each.feature("spectral_centroid"));
      assertThat(each.feature("sad")).isIn(0f, 1f);
    }
  }

  @Test
  void genreAndMoodNamesExtendBeyondTheNamedOnes() {
    TrackCatalogue catalogue = new TrackCatalogue(SynthConfig.of(100, 200, 1_000, 14));

    assertThat(catalogue.genreNames()).hasSize(14).startsWith("rock").endsWith("genre13", "genre14");
    assertThat(catalogue.moodNames()).containsExactly("happy", "sad", "energetic", "calm");
  }

  /** Z-scores per feature, so tempo in BPM and centroid in Hz weigh alike in a distance. */
  private static List<double[]> standardizedFeatures(TrackCatalogue catalogue) {
    int featureCount = TrackProfile.FEATURE_NAMES.size();
    List<double[]> rows = new ArrayList<>();
    double[] mean = new double[featureCount];
    for (int track = 0; track < catalogue.size(); track++) {
      float[] features = catalogue.profile(track).features();
      double[] row = new double[featureCount];
      for (int f = 0; f < featureCount; f++) {
        row[f] = features[f];
        mean[f] += features[f] / catalogue.size();
      }
      rows.add(row);
    }
    double[] deviation = new double[featureCount];
    for (double[] row : rows) {
      for (int f = 0; f < featureCount; f++) {
        deviation[f] += (row[f] - mean[f]) * (row[f] - mean[f]) / catalogue.size();
      }
    }
    for (double[] row : rows) {
      for (int f = 0; f < featureCount; f++) {
        row[f] = (row[f] - mean[f]) / Math.sqrt(deviation[f]);
      }
    }
    return rows;
  }

  private static double distance(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(sum);
  }
}
