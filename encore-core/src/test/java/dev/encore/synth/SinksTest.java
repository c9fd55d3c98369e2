package dev.encore.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.data.Interactions;
import dev.encore.data.InteractionsBuilder;
import dev.encore.io.DelimitedFormat;
import dev.encore.io.DelimitedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinksTest {
  private static final PlayGenerator TINY = new PlayGenerator(SynthConfig.tiny());

  @TempDir
  Path folder;

  @Test
  void interactionsSinkKeepsEveryRowUnderTheGeneratorsIds() {
    InteractionsBuilder builder = new InteractionsBuilder();
    long[] totalPlays = {0};
    long rows = TINY.generate((listener, track, count) -> totalPlays[0] += count);

    TINY.generate(new InteractionsSink(builder, TINY));

    Interactions interactions = builder.build();
    assertThat((long) interactions.nnz()).isEqualTo(rows);
    assertThat(interactions.totalValue()).isEqualTo((double) totalPlays[0]);
    assertThat(interactions.users().ids()).allMatch(id -> id.matches("u\\d{3}"));
    assertThat(interactions.items().ids()).allMatch(id -> id.matches("t\\d{3}"));
  }

  @Test
  void tsvFileReadsBackAsTheSameInteractions() throws IOException {
    Path file = folder.resolve("plays.tsv");
    try (TsvPlayWriter writer = TsvPlayWriter.open(file, TINY)) {
      TINY.generate(writer);
    }
    InteractionsBuilder direct = new InteractionsBuilder();
    TINY.generate(new InteractionsSink(direct, TINY));

    Interactions fromFile = new DelimitedReader(DelimitedFormat.userItemValueTsv()).readDataset(file).interactions();

    Interactions expected = direct.build();
    assertThat(Files.readAllLines(file).get(0)).isEqualTo("user\titem\tvalue");
    assertThat(fromFile.users()).isEqualTo(expected.users());
    assertThat(fromFile.items()).isEqualTo(expected.items());
    assertThat(fromFile.userItems().indices()).isEqualTo(expected.userItems().indices());
    assertThat(fromFile.userItems().values()).isEqualTo(expected.userItems().values());
  }

  @Test
  void trackCsvHasTheHeaderAndOneLinePerTrack() throws IOException {
    Path file = folder.resolve("tracks.csv");

    TrackCsvWriter.write(TINY.catalogue(), file);

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(1 + SynthConfig.tiny().tracks());
    assertThat(lines.get(0)).isEqualTo("track,genre,mood," + String.join(",", TrackProfile.FEATURE_NAMES));
    assertThat(lines.get(1).split(",")).hasSize(3 + TrackProfile.FEATURE_NAMES.size());
    assertThat(lines.get(1)).startsWith("t000," + TINY.catalogue().genre(0) + "," + TINY.catalogue().mood(0) + ",");
  }
}
