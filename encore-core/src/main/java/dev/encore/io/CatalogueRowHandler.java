package dev.encore.io;

import java.util.List;

/** Takes the tracks of a track CSV one at a time, as {@link TrackCsvReader#stream} reads them. */
@FunctionalInterface
public interface CatalogueRowHandler {
  /**
   * The file's feature columns in file order, told once before the first row (also for a file
   * with a header and no rows), so a reader can lay out a table before any track arrives.
   */
  default void featureColumns(List<String> featureNames) {
  }

  /** Throws {@link DatasetFormatException} (see {@link TrackCsvReader#reject}) to refuse the row as bad. */
  void accept(CatalogueRow row);
}
