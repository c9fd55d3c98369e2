package dev.encore.io;

/** Takes the play rows of a file one at a time, as {@link DelimitedReader#stream} reads them. */
@FunctionalInterface
public interface PlayRowHandler {
  /** Throws {@link DatasetFormatException} (see {@link PlayRow#reject}) to refuse the row as bad. */
  void accept(PlayRow row);
}
