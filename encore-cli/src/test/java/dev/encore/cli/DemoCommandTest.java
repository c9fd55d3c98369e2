package dev.encore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.encore.als.AlsConfig;
import dev.encore.data.Csr;
import dev.encore.data.IdIndex;
import dev.encore.model.FactorModel;
import dev.encore.synth.SynthConfig;
import dev.encore.synth.TrackCatalogue;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
  private static final TrackCatalogue CATALOGUE = new TrackCatalogue(SynthConfig.tiny());

  @Test
  void favouriteGenresLookTracksUpByTheirIdNotByTheModelsIndex() {
    int first = 0;
    int other = 1;
    while (CATALOGUE.genre(other).equals(CATALOGUE.genre(first))) {
      other++;
    }
    // The model numbers its items in the order plays arrived: item 0 is the catalogue's track `other`.
    IdIndex items = IdIndex.of("item", List.of(CATALOGUE.trackId(other), CATALOGUE.trackId(first)));
    IdIndex users = IdIndex.of("user", List.of("u1"));
    Csr played = new Csr(1, 2, new int[] {0, 1}, new int[] {0}, new float[] {3});
    FactorModel model = new FactorModel(users, items, 1, new float[] {1}, new float[] {1, 1}, played,
        AlsConfig.defaults().withFactors(1));

    assertThat(DemoCommand.favouriteGenres(model, 0, CATALOGUE)).containsExactly(entry(CATALOGUE.genre(other), 1));
  }
}
