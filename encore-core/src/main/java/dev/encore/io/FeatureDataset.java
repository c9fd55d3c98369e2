package dev.encore.io;

import dev.encore.content.FeatureTable;
import java.util.Objects;

/** Track features read from a file, with what the read saw. */
public record FeatureDataset(FeatureTable table, ReadSummary summary) {
  public FeatureDataset {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(summary, "summary");
  }
}
