package dev.encore.store;

import dev.encore.io.ReadSummary;
import java.util.Locale;

/** What a catalogue import did: what the read saw and how many tracks it wrote (new or replaced). */
public record TrackImportSummary(ReadSummary read, long tracksWritten) {
  @Override
  public String toString() {
    String skipped = read.rowsSkipped() == 0 ? ""
        : String.format(Locale.ROOT, "; skipped %,d bad rows, first: %s", read.rowsSkipped(), read.firstSkipped());
    return String.format(Locale.ROOT, "%s: read %,d rows, wrote %,d tracks%s", read.source(), read.rowsRead(),
        tracksWritten, skipped);
  }
}
