package dev.encore.io;

import dev.encore.data.InteractionsBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads the HetRec 2011 Last.fm 2K directory: play counts per (user, artist) from
 * {@code user_artists.dat} (tab-separated, header {@code userID artistID weight}, CRLF) and
 * artist names from {@code artists.dat} (tab-separated, header {@code id name url pictureURL},
 * UTF-8).
 */
public final class LastFmReader {
  /** The play counts file inside a Last.fm 2K folder. */
  public static final String PLAYS_FILE = "user_artists.dat";
  /** The artist names file inside a Last.fm 2K folder. */
  public static final String ARTISTS_FILE = "artists.dat";

  private static final DelimitedFormat PLAYS = DelimitedFormat
      .of('\t', Column.named("userID"), Column.named("artistID"))
      .withHeader(true)
      .withValue(Column.named("weight"));

  private final boolean skipBad;

  /** Bad rows fatal. */
  public LastFmReader() {
    this(false);
  }

  private LastFmReader(boolean skipBad) {
    this.skipBad = skipBad;
  }

  /** Skips bad rows, counting them in the summary, instead of stopping. */
  public LastFmReader skippingBadRows() {
    return new LastFmReader(true);
  }

  /** Reads {@code directory/user_artists.dat} and {@code directory/artists.dat}. */
  public Dataset read(Path directory) throws IOException {
    InteractionsBuilder builder = new InteractionsBuilder();
    ReadSummary plays = read(directory, builder);
    ItemNames artists = readArtistNames(directory);
    return new Dataset(builder.build(), artists.names(), plays.and(artists.summary()));
  }

  /** Adds the play counts of {@code directory/user_artists.dat} to {@code into}, without names. */
  public ReadSummary read(Path directory, InteractionsBuilder into) throws IOException {
    return stream(directory, row -> row.addTo(into));
  }

  /** Hands the play counts of {@code directory/user_artists.dat} to {@code handler} one at a time. */
  public ReadSummary stream(Path directory, PlayRowHandler handler) throws IOException {
    return new DelimitedReader(PLAYS.withSkipBad(skipBad)).stream(directory.resolve(PLAYS_FILE), handler);
  }

  /** The artist names of {@code directory/artists.dat} by artist ID. */
  public ItemNames readArtistNames(Path directory) throws IOException {
    return ItemNames.read(directory.resolve(ARTISTS_FILE),
        new DelimitedRows('\t', true, StandardCharsets.UTF_8, skipBad), Column.named("id"), Column.named("name"));
  }
}
