package dev.encore.bench;

import dev.encore.data.Interactions;
import dev.encore.eval.RandomSplitter;
import dev.encore.eval.Split;
import dev.encore.io.DelimitedFormat;
import dev.encore.io.DelimitedReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The dataset as every child sees it: read with Encore's reader (so external IDs get the same
 * dense indices in every JVM) and split with the same seeded splitter, so each system trains on
 * the identical training half and is scored on the identical test half.
 *
 * @param split training and held-out interactions over one pair of ID maps
 * @param readSeconds time spent reading and splitting, kept out of every other figure
 */
public record HeldOutData(Split split, double readSeconds) {

  /** Reads {@code tsv} ({@code user item value} with a header) and holds out {@code testFraction}. */
  public static HeldOutData read(Path tsv, double testFraction, long splitSeed) throws IOException {
    long start = System.nanoTime();
    Interactions all = new DelimitedReader(DelimitedFormat.userItemValueTsv()).readDataset(tsv).interactions();
    Split split = new RandomSplitter(testFraction, splitSeed).split(all);
    return new HeldOutData(split, (System.nanoTime() - start) / 1e9);
  }

  public Interactions train() {
    return split.train();
  }

  public Interactions test() {
    return split.test();
  }
}
