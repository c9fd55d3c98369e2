package dev.encore.bench;

import dev.encore.data.Csr;
import dev.encore.data.Interactions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes interactions as headerless {@code userIndex itemIndex value} lines using Encore's dense
 * indices: the integer IDs Spark's ALS needs, chosen so that Spark's factor for ID n is the
 * factor of Encore's user (or item) n, and Spark's factors can be scored by Encore's evaluator.
 */
final class IndexedTsv {
  private static final int BUFFER_CHARS = 1 << 16;
  private static final String SPLIT_HEADER = "user\titem\tvalue\n";
  private static final IdWriter DENSE_INDEX = (line, index) -> line.append(index);

  private IndexedTsv() {}

  static void write(Interactions interactions, Path file) throws IOException {
    write(interactions, file, null, DENSE_INDEX, DENSE_INDEX);
  }

  /**
   * The same entries under their external IDs, with Encore's split-file header
   * ({@code user item value}): the input encore-spark reads as a user would give it.
   */
  static void writeWithIds(Interactions interactions, Path file) throws IOException {
    write(interactions, file, SPLIT_HEADER,
        (line, user) -> line.append(interactions.users().idOf(user)),
        (line, item) -> line.append(interactions.items().idOf(item)));
  }

  /**
   * Dense indices under Encore's split-file header ({@code user item value}): the train/test pair
   * an outside tool (implicit's driver) reads, its IDs the same for both halves of one split.
   */
  static void writeSplitFile(Interactions interactions, Path file) throws IOException {
    write(interactions, file, SPLIT_HEADER, DENSE_INDEX, DENSE_INDEX);
  }

  private interface IdWriter {
    void append(StringBuilder line, int index);
  }

  private static void write(Interactions interactions, Path file, String header, IdWriter users, IdWriter items)
      throws IOException {
    Csr userItems = interactions.userItems();
    int[] columns = userItems.indices();
    float[] values = userItems.values();
    StringBuilder line = new StringBuilder(32);
    try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), BUFFER_CHARS)) {
      if (header != null) {
        out.append(header);
      }
      for (int user = 0; user < userItems.rows(); user++) {
        for (int p = userItems.rowStart(user); p < userItems.rowEnd(user); p++) {
          line.setLength(0);
          users.append(line, user);
          line.append('\t');
          items.append(line, columns[p]);
          line.append('\t').append(values[p]).append('\n');
          out.append(line);
        }
      }
    }
  }
}
