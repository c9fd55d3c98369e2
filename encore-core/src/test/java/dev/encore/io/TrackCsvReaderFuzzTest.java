package dev.encore.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.encore.testing.FuzzOracles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Fuzzes the track CSV reader: any bytes are either read into rows that keep the reader's
 * promises (features finite and named by the header, lines increasing, tags non-empty) or refused
 * with a {@link DatasetFormatException} naming the file; nothing else may escape.
 */
class TrackCsvReaderFuzzTest {
  private static final String SOURCE = "fuzzed-tracks.csv";

  @FuzzTest(maxDuration = "30s")
  void readsOrRefusesNamingTheFile(FuzzedDataProvider data) throws IOException {
    fuzzerTestOneInput(data);
  }

  /** The entry point of the standalone fuzzer ({@code bin/encore-fuzz}). */
  public static void fuzzerTestOneInput(FuzzedDataProvider data) throws IOException {
    boolean skipBad = data.consumeBoolean();
    byte[] bytes = data.consumeRemainingAsBytes();
    TrackCsvReader reader = skipBad ? new TrackCsvReader().skippingBadRows() : new TrackCsvReader();
    CollectedCatalogue read = new CollectedCatalogue();
    try (BufferedReader lines = DelimitedReaderFuzzTest.utf8Lines(bytes)) {
      reader.stream(lines, SOURCE, read);
    } catch (DatasetFormatException refused) {
      FuzzOracles.requireWordsNaming(refused, new String(bytes, StandardCharsets.UTF_8), SOURCE);
      return;
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    long previousLine = 1;
    for (CatalogueRow row : read.rows) {
      assertThat(row.line()).as("line numbers increase").isGreaterThan(previousLine);
      previousLine = row.line();
      FuzzOracles.requireIn(text, row.trackId(), "track");
      for (Map.Entry<String, Float> feature : row.features().entrySet()) {
        assertThat(read.columns).as("feature %s of line %d is a header column", feature, row.line())
            .contains(feature.getKey());
        assertThat(feature.getValue()).as("feature %s of line %d", feature, row.line()).isFinite();
      }
      for (String tag : row.genres()) {
        FuzzOracles.requireIn(text, tag, "genre");
      }
      for (String tag : row.moods()) {
        FuzzOracles.requireIn(text, tag, "mood");
      }
    }
  }
}
