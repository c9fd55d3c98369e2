package dev.encore.store;

import java.time.Instant;
import java.util.Objects;

/**
 * How {@link Importer} loads a file: rows per transaction, whether bad rows are skipped (and
 * counted) or stop the import, the source label its plays are stored with, and the time given to
 * plays whose file has no timestamps. That time must be the same on every run for a re-import to
 * add nothing: the events' identity includes it.
 */
public record ImportOptions(int batchSize, boolean skipBadRows, String source, Instant untimedPlayedAt) {
  /** Large enough to amortise a commit's fsync, small enough to keep a transaction short. */
  public static final int DEFAULT_BATCH_SIZE = 5_000;
  public static final String DEFAULT_SOURCE = "import";

  public ImportOptions {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size " + batchSize + " must be >= 1");
    }
    Ids.require(source, "source");
    Objects.requireNonNull(untimedPlayedAt, "untimedPlayedAt");
  }

  /** 5,000 rows per transaction, bad rows fatal, source "import". */
  public static ImportOptions defaults(Instant untimedPlayedAt) {
    return new ImportOptions(DEFAULT_BATCH_SIZE, false, DEFAULT_SOURCE, untimedPlayedAt);
  }

  public ImportOptions withBatchSize(int size) {
    return new ImportOptions(size, skipBadRows, source, untimedPlayedAt);
  }

  public ImportOptions withSkipBadRows(boolean skip) {
    return new ImportOptions(batchSize, skip, source, untimedPlayedAt);
  }

  public ImportOptions withSource(String newSource) {
    return new ImportOptions(batchSize, skipBadRows, newSource, untimedPlayedAt);
  }
}
