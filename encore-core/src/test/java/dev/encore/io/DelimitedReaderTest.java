package dev.encore.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.data.IdIndex;
import dev.encore.data.Interactions;
import dev.encore.data.InteractionsBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DelimitedReaderTest {
  private static final DelimitedFormat TSV_WITH_VALUES =
      DelimitedFormat.of('\t', Column.at(0), Column.at(1)).withValue(Column.at(2));

  @TempDir
  Path folder;

  private Path write(String name, String content) throws IOException {
    Path file = folder.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private static float value(Interactions interactions, String user, String item) {
    return interactions.userItems().get(interactions.users().indexOf(user), interactions.items().indexOf(item));
  }

  @Test
  void readsHeaderlessTabSeparatedRows() throws IOException {
    Dataset dataset = new DelimitedReader(TSV_WITH_VALUES).readDataset(write("plays.tsv", "u1\ta\t3\nu1\tb\t1\nu2\ta\t2\n"));

    Interactions interactions = dataset.interactions();
    assertThat(interactions.nnz()).isEqualTo(3);
    assertThat(value(interactions, "u1", "a")).isEqualTo(3f);
    assertThat(value(interactions, "u2", "a")).isEqualTo(2f);
    assertThat(dataset.summary().rowsRead()).isEqualTo(3);
    assertThat(dataset.summary().rowsSkipped()).isZero();
    assertThat(dataset.itemNames()).isEmpty();
  }

  @Test
  void skipsTheHeaderLineWhenTheFormatHasOne() throws IOException {
    Path file = write("plays.csv", "user,item,count\nu1,a,5\n");
    DelimitedFormat csv = DelimitedFormat.of(',', Column.at(0), Column.at(1)).withValue(Column.at(2)).withHeader(true);

    Dataset dataset = new DelimitedReader(csv).readDataset(file);

    assertThat(dataset.interactions().nnz()).isEqualTo(1);
    assertThat(dataset.summary().rowsRead()).isEqualTo(1);
    assertThat(value(dataset.interactions(), "u1", "a")).isEqualTo(5f);
  }

  @Test
  void findsColumnsByHeaderNameInAnyOrder() throws IOException {
    Path file = write("plays.psv", "when|count|artist|listener\n100|7|a|u1\n200|2|b|u1\n");
    DelimitedFormat byName = DelimitedFormat.of('|', Column.named("listener"), Column.named("artist"))
        .withValue(Column.named("count")).withTimestamp(Column.named("when"));

    Interactions interactions = new DelimitedReader(byName).readDataset(file).interactions();

    assertThat(value(interactions, "u1", "a")).isEqualTo(7f);
    assertThat(interactions.timestamps()).containsExactly(100L, 200L);
  }

  @Test
  void namedColumnMissingFromTheHeaderIsAnErrorListingTheHeader() throws IOException {
    Path file = write("plays.tsv", "user\titem\tweight\nu1\ta\t1\n");
    DelimitedFormat format = DelimitedFormat.userItemValueTsv();

    assertThatThrownBy(() -> new DelimitedReader(format).readDataset(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("plays.tsv:1: field 'value'")
        .hasMessageContaining("[user, item, weight]");
  }

  @Test
  void toleratesCrlfEndingsAndBlankLines() throws IOException {
    Path file = write("crlf.tsv", "user\titem\tvalue\r\nu1\ta\t2\r\n\r\n\r\nu2\tb\t3\r\n");

    Interactions interactions = new DelimitedReader(DelimitedFormat.userItemValueTsv()).readDataset(file).interactions();

    assertThat(interactions.nnz()).isEqualTo(2);
    assertThat(interactions.users().ids()).containsExactly("u1", "u2");
    assertThat(interactions.items().ids()).containsExactly("a", "b");
    assertThat(value(interactions, "u2", "b")).isEqualTo(3f);
  }

  @Test
  void sumsDuplicateRowsAndKeepsTheLatestTimestamp() throws IOException {
    Path file = write("dups.tsv", "u1\ta\t2\t10\nu1\ta\t3\t30\nu1\ta\t1\t20\n");

    Interactions interactions = new DelimitedReader(TSV_WITH_VALUES.withTimestamp(Column.at(3)))
        .readDataset(file).interactions();

    assertThat(interactions.nnz()).isEqualTo(1);
    assertThat(value(interactions, "u1", "a")).isEqualTo(6f);
    assertThat(interactions.timestamps()).containsExactly(30L);
  }

  @Test
  void withoutAValueColumnEveryRowIsOnePlay() throws IOException {
    Path file = write("plays.tsv", "u1\ta\nu1\ta\nu1\tb\n");

    Interactions interactions = new DelimitedReader(DelimitedFormat.of('\t', Column.at(0), Column.at(1)))
        .readDataset(file).interactions();

    assertThat(value(interactions, "u1", "a")).isEqualTo(2f);
    assertThat(value(interactions, "u1", "b")).isEqualTo(1f);
  }

  @Test
  void badValueNamesFileLineFieldAndRule() throws IOException {
    Path file = write("plays.tsv", "user\titem\tvalue\nu1\ta\t1\nu1\tb\tabc\n");

    assertThatThrownBy(() -> new DelimitedReader(DelimitedFormat.userItemValueTsv()).readDataset(file))
        .isInstanceOfSatisfying(DatasetFormatException.class, error -> {
          assertThat(error.getMessage()).isEqualTo(file + ":3: field 'value' ('abc') is not a number");
          assertThat(error.line()).isEqualTo(3);
          assertThat(error.field()).isEqualTo("value");
        });
  }

  @Test
  void rejectsNegativeNonFiniteAndSpecialSpellingsOfValues() throws IOException {
    DelimitedReader reader = new DelimitedReader(TSV_WITH_VALUES);

    assertThatThrownBy(() -> reader.readDataset(write("a.tsv", "u1\ta\t-1\n")))
        .hasMessageEndingWith("a.tsv:1: field 'value' ('-1') is negative; values must be >= 0");
    assertThatThrownBy(() -> reader.readDataset(write("b.tsv", "u1\ta\tNaN\n")))
        .hasMessageEndingWith("b.tsv:1: field 'value' ('NaN') is not a number");
    assertThatThrownBy(() -> reader.readDataset(write("c.tsv", "u1\ta\t1e99\n")))
        .hasMessageEndingWith("c.tsv:1: field 'value' ('1e99') is not a finite number");
    assertThatThrownBy(() -> reader.readDataset(write("d.tsv", "u1\ta\t2f\n")))
        .hasMessageEndingWith("d.tsv:1: field 'value' ('2f') is not a number");
  }

  @Test
  void rejectsMissingFieldsEmptyIdsAndBadTimestamps() throws IOException {
    DelimitedReader reader = new DelimitedReader(TSV_WITH_VALUES.withTimestamp(Column.at(3)));

    assertThatThrownBy(() -> reader.readDataset(write("a.tsv", "u1\ta\t1\t5\nu2\tb\n")))
        .hasMessageEndingWith("a.tsv:2: field 'value' is missing: the row has 2 fields and the field is column 3");
    assertThatThrownBy(() -> reader.readDataset(write("b.tsv", "\tb\t1\t5\n")))
        .hasMessageEndingWith("b.tsv:1: field 'user' is empty");
    assertThatThrownBy(() -> reader.readDataset(write("c.tsv", "u1\tb\t1\t5.5\n")))
        .hasMessageEndingWith("c.tsv:1: field 'timestamp' ('5.5') is not a whole number");
  }

  @Test
  void skipBadCountsSkippedRowsAndKeepsTheirMessages() throws IOException {
    Path file = write("plays.tsv", "u1\ta\t1\nu1\tb\tx\nu2\ta\n\nu2\tb\t4\n");

    Dataset dataset = new DelimitedReader(TSV_WITH_VALUES.withSkipBad(true)).readDataset(file);

    ReadSummary summary = dataset.summary();
    assertThat(summary.rowsRead()).isEqualTo(4);
    assertThat(summary.rowsSkipped()).isEqualTo(2);
    assertThat(summary.rowsKept()).isEqualTo(2);
    assertThat(summary.firstSkipped()).containsExactly(
        file + ":2: field 'value' ('x') is not a number",
        file + ":3: field 'value' is missing: the row has 2 fields and the field is column 3");
    assertThat(dataset.interactions().nnz()).isEqualTo(2);
  }

  @Test
  void skipBadKeepsAtMostTenMessagesButCountsEverySkip() throws IOException {
    StringBuilder content = new StringBuilder();
    for (int i = 0; i < 25; i++) {
      content.append("u").append(i).append("\ta\tbad\n");
    }
    content.append("u1\ta\t1\n");

    ReadSummary summary = new DelimitedReader(TSV_WITH_VALUES.withSkipBad(true))
        .readDataset(write("plays.tsv", content.toString())).summary();

    assertThat(summary.rowsSkipped()).isEqualTo(25);
    assertThat(summary.firstSkipped()).hasSize(ReadSummary.MAX_MESSAGES);
    assertThat(summary.firstSkipped().get(9)).contains(":10:");
  }

  @Test
  void trainAndTestShareIdIndicesThroughSharedBuilders() throws IOException {
    IdIndex.Builder users = new IdIndex.Builder("user");
    IdIndex.Builder items = new IdIndex.Builder("item");
    InteractionsBuilder train = new InteractionsBuilder(users, items);
    InteractionsBuilder test = new InteractionsBuilder(users, items);
    DelimitedReader reader = new DelimitedReader(TSV_WITH_VALUES);

    reader.read(write("train.tsv", "u1\ta\t1\nu2\tb\t1\n"), train);
    reader.read(write("test.tsv", "u2\tc\t1\nu1\tb\t1\n"), test);

    Interactions trainSet = train.build();
    Interactions testSet = test.build();
    assertThat(testSet.users()).isEqualTo(trainSet.users());
    assertThat(testSet.items().ids()).containsExactly("a", "b", "c");
    assertThat(testSet.userItems().get(testSet.users().indexOf("u1"), testSet.items().indexOf("b"))).isEqualTo(1f);
  }

  @Test
  void readsFromAnOpenReaderNamingTheGivenSource() {
    BufferedReader lines = new BufferedReader(new StringReader("u1\ta\tnope\n"));

    assertThatThrownBy(() -> new DelimitedReader(TSV_WITH_VALUES).read(lines, "stdin", new InteractionsBuilder()))
        .hasMessage("stdin:1: field 'value' ('nope') is not a number");
  }

  @Test
  void wrongCharsetIsAnErrorNamingTheFileAndCharset() throws IOException {
    Path file = folder.resolve("latin1.tsv");
    Files.write(file, "u1\tCaf\u00e9\t1\n".getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> new DelimitedReader(TSV_WITH_VALUES).readDataset(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(file + ":1:")
        .hasMessageContaining("UTF-8");
  }

  @Test
  void namedColumnsNeedAHeader() {
    DelimitedFormat byIndex = DelimitedFormat.of('\t', Column.at(0), Column.at(1));

    assertThatThrownBy(() -> byIndex.withValue(Column.named("plays")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'plays'");
  }

  @Test
  void streamsRowsInFileOrderWithTheirLineNumbersAndTimestamps() throws IOException {
    Path file = write("plays.tsv", "user\titem\tvalue\tat\nu1\ta\t3\t100\n\nu2\tb\t1\t200\n");
    DelimitedFormat timed = DelimitedFormat.of('\t', Column.at(0), Column.at(1)).withHeader(true)
        .withValue(Column.at(2)).withTimestamp(Column.at(3));
    java.util.List<PlayRow> rows = new java.util.ArrayList<>();

    ReadSummary summary = new DelimitedReader(timed).stream(file, rows::add);

    assertThat(rows).containsExactly(
        new PlayRow(file.toString(), 2, "u1", "a", 3f, true, 100),
        new PlayRow(file.toString(), 4, "u2", "b", 1f, true, 200));
    assertThat(summary.rowsRead()).isEqualTo(2);
  }

  @Test
  void aRowTheHandlerRejectsIsBadLikeAFormatError() throws IOException {
    Path file = write("plays.tsv", "u1\ta\t2.5\nu2\tb\t1\n");
    PlayRowHandler wholeCountsOnly = row -> {
      if (row.value() != Math.rint(row.value())) {
        throw row.reject("value", Float.toString(row.value()), "is not a whole play count");
      }
    };

    assertThatThrownBy(() -> new DelimitedReader(TSV_WITH_VALUES).stream(file, wholeCountsOnly))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(file + ":1: field 'value' ('2.5') is not a whole play count");
    ReadSummary skipping = new DelimitedReader(TSV_WITH_VALUES.withSkipBad(true)).stream(file, wholeCountsOnly);
    assertThat(skipping.rowsSkipped()).isEqualTo(1);
    assertThat(skipping.firstSkipped()).containsExactly(file + ":1: field 'value' ('2.5') is not a whole play count");
  }

  private static final DelimitedFormat HEADED_TSV = TSV_WITH_VALUES.withHeader(true);

  @Test
  void aFirstLineThatLooksLikeAPlayIsRefusedRatherThanSilentlyDroppedAsAHeader() throws IOException {
    Path file = write("headerless.tsv", "u1\ta\t3\nu2\tb\t1\n");
    assertThatThrownBy(() -> new DelimitedReader(HEADED_TSV).readDataset(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("headerless.tsv:1").hasMessageContaining("looks like a play");
  }

  @Test
  void aRowWithMoreFieldsThanTheHeaderNamesIsRefusedWithItsLine() throws IOException {
    Path file = write("extra.tsv", "user\titem\tvalue\nu1\ta\t3\nu1\tb\t1\t1700000000\n");
    assertThatThrownBy(() -> new DelimitedReader(HEADED_TSV).readDataset(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("extra.tsv:3").hasMessageContaining("4 fields but the header names 3");
  }

  @Test
  void playValuesMustBeAboveZeroAndFitACount() throws IOException {
    for (String value : new String[] {"0", "1e20", "2147483904"}) {
      Path file = write("values.tsv", "user\titem\tvalue\nu1\ta\t" + value + "\n");
      assertThatThrownBy(() -> new DelimitedReader(HEADED_TSV).readDataset(file)).as(value)
          .isInstanceOf(DatasetFormatException.class).hasMessageContaining("values.tsv:2")
          .hasMessageContaining("must be above 0");
    }
    Path fine = write("fine.tsv", "user\titem\tvalue\nu1\ta\t0.5\nu1\tb\t2147483647\n");
    assertThat(new DelimitedReader(HEADED_TSV).readDataset(fine).interactions().nnz()).isEqualTo(2);
  }

  @Test
  void invalidUtf8NamesTheFileAndLine() throws IOException {
    Path file = folder.resolve("latin1.tsv");
    Files.write(file, new byte[] {'u', '\t', 'i', '\t', 'v', '\n', (byte) 0xff, (byte) 0xfe, '\t', 'a', '\t', '1', '\n'});
    assertThatThrownBy(() -> new DelimitedReader(HEADED_TSV).readDataset(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("latin1.tsv:").hasMessageContaining("not valid UTF-8");
  }
}
