package dev.encore.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.encore.data.Interactions;
import dev.encore.data.InteractionsBuilder;
import dev.encore.testing.FuzzOracles;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the plays-file reader: any bytes, in any of the layouts users give, are either read
 * into consistent interactions or refused with a {@link DatasetFormatException} naming the file;
 * nothing else may escape. {@code bin/encore-fuzz} runs it for longer than CI does.
 */
class DelimitedReaderFuzzTest {
  private static final String SOURCE = "fuzzed-plays.tsv";
  private static final DelimitedFormat[] FORMATS = {
      DelimitedFormat.userItemValueTsv(),
      DelimitedFormat.of('\t', Column.at(0), Column.at(1)).withValue(Column.at(2)),
      DelimitedFormat.of(',', Column.named("user"), Column.named("track")).withValue(Column.named("plays"))
          .withTimestamp(Column.named("time")),
      DelimitedFormat.of('|', Column.at(1), Column.at(0)).withTimestamp(Column.at(2)).withSkipBad(true),
      DelimitedFormat.userItemValueTsv().withSkipBad(true),
  };

  @FuzzTest(maxDuration = "30s")
  void readsOrRefusesNamingTheFile(FuzzedDataProvider data) throws IOException {
    fuzzerTestOneInput(data);
  }

  /** The entry point of the standalone fuzzer ({@code bin/encore-fuzz}). */
  public static void fuzzerTestOneInput(FuzzedDataProvider data) throws IOException {
    DelimitedFormat format = FORMATS[data.consumeInt(0, FORMATS.length - 1)];
    byte[] bytes = data.consumeRemainingAsBytes();
    InteractionsBuilder builder = new InteractionsBuilder();
    ReadSummary summary;
    try (BufferedReader lines = utf8Lines(bytes)) {
      summary = new DelimitedReader(format).read(lines, SOURCE, builder);
    } catch (DatasetFormatException refused) {
      FuzzOracles.requireWordsNaming(refused, new String(bytes, StandardCharsets.UTF_8), SOURCE);
      return;
    }
    Interactions read = builder.build();
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertThat((long) read.nnz()).as("distinct plays from the rows kept").isLessThanOrEqualTo(summary.rowsKept());
    for (String id : read.users().ids()) {
      FuzzOracles.requireIn(text, id, "user");
    }
    for (String id : read.items().ids()) {
      FuzzOracles.requireIn(text, id, "item");
    }
  }

  static BufferedReader utf8Lines(byte[] bytes) {
    // A decoder that reports bad bytes, as Files.newBufferedReader's does, not one that replaces them.
    return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8.newDecoder()));
  }
}
