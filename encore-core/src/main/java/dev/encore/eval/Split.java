package dev.encore.eval;

import dev.encore.data.IdIndex;
import dev.encore.data.Interactions;
import dev.encore.data.InteractionsBuilder;
import dev.encore.io.DelimitedFormat;
import dev.encore.io.DelimitedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A training half and a held-out test half over the same users and items, so a dense user or
 * item index means the same thing in both and a model trained on {@code train} can be scored
 * against {@code test} directly.
 */
public record Split(Interactions train, Interactions test) {

  public Split {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    Arguments.requireSameIds("train", train.users(), "test", test.users());
    Arguments.requireSameIds("train", train.items(), "test", test.items());
  }

  /**
   * A ready pair of {@code user item value} files with a header (the shared splits' format), read
   * over one pair of ID maps: the training file's IDs first, then any the test file adds.
   */
  public static Split readTsv(Path train, Path test) throws IOException {
    IdIndex.Builder users = new IdIndex.Builder("user");
    IdIndex.Builder items = new IdIndex.Builder("item");
    InteractionsBuilder trainRows = new InteractionsBuilder(users, items);
    InteractionsBuilder testRows = new InteractionsBuilder(users, items);
    DelimitedReader reader = new DelimitedReader(DelimitedFormat.userItemValueTsv());
    reader.read(train, trainRows);
    reader.read(test, testRows);
    return new Split(trainRows.build(), testRows.build());
  }
}
