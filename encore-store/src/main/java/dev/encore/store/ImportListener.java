package dev.encore.store;

/** Hears how far an import has read its file, by line; the CLI draws its progress bar from it. */
public interface ImportListener {
  ImportListener NONE = new ImportListener() {};

  /** Called once before the first row, with the file's line count (header included). */
  default void started(String task, long totalLines) {}

  /** Called after each committed batch with the line the import has reached. */
  default void progressed(long linesDone) {}

  /** Called once when the file is done. */
  default void finished() {}
}
