package dev.encore.store;

import dev.encore.io.ReadSummary;
import java.util.Locale;

/**
 * What a play import did: what the read of the plays saw (rows read, bad rows skipped and the
 * first messages) and of the dataset's item names where it has them (null otherwise), the good
 * rows the dataset's rule leaves out (MovieLens ratings under 4 stars), the plays it stored, the
 * rows that were already stored (a re-import, or a row repeated in the file), and the tracks it
 * created because plays named them and the catalogue did not.
 */
public record PlayImportSummary(ReadSummary read, ReadSummary namesRead, long rowsLeftOut, long playsAdded,
    long playsAlreadyStored, long tracksCreated) {

  /** Bad rows skipped in the plays and the names together. */
  public long rowsSkipped() {
    return read.rowsSkipped() + (namesRead == null ? 0 : namesRead.rowsSkipped());
  }

  @Override
  public String toString() {
    String leftOut = rowsLeftOut == 0 ? "" : String.format(Locale.ROOT, " (%,d left out by rating)", rowsLeftOut);
    String plays = String.format(Locale.ROOT, "%s: read %,d rows%s, added %,d plays, %,d already stored, created %,d"
        + " tracks", read.source(), read.rowsRead(), leftOut, playsAdded, playsAlreadyStored, tracksCreated);
    String names = namesRead == null ? ""
        : String.format(Locale.ROOT, "; names from %s: read %,d rows", namesRead.source(), namesRead.rowsRead());
    ReadSummary all = namesRead == null ? read : read.and(namesRead);
    String skipped = all.rowsSkipped() == 0 ? ""
        : String.format(Locale.ROOT, "; skipped %,d bad rows, first: %s", all.rowsSkipped(), all.firstSkipped());
    return plays + names + skipped;
  }
}
