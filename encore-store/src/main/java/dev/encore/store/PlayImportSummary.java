package dev.encore.store;

import dev.encore.io.ReadSummary;
import java.util.Locale;

/**
 * What a play import did: what the read saw (rows read, bad rows skipped and the first messages),
 * the good rows the dataset's rule leaves out (MovieLens ratings under 4 stars), the plays it
 * stored, the rows that were already stored (a re-import, or a row repeated in the file), and the
 * tracks it created because plays named them and the catalogue did not.
 */
public record PlayImportSummary(ReadSummary read, long rowsLeftOut, long playsAdded, long playsAlreadyStored,
    long tracksCreated) {
  @Override
  public String toString() {
    String skipped = read.rowsSkipped() == 0 ? ""
        : String.format(Locale.ROOT, "; skipped %,d bad rows, first: %s", read.rowsSkipped(), read.firstSkipped());
    String leftOut = rowsLeftOut == 0 ? "" : String.format(Locale.ROOT, " (%,d left out by rating)", rowsLeftOut);
    return String.format(Locale.ROOT, "%s: read %,d rows%s, added %,d plays, %,d already stored, created %,d tracks%s",
        read.source(), read.rowsRead(), leftOut, playsAdded, playsAlreadyStored, tracksCreated, skipped);
  }
}
