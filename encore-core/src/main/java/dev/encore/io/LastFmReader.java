package dev.encore.io;

import dev.encore.data.InteractionsBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
  /** Who tagged which artist with which tag, inside a Last.fm 2K folder. */
  public static final String TAGGED_FILE = "user_taggedartists.dat";
  /** The tag names, inside a Last.fm 2K folder. */
  public static final String TAGS_FILE = "tags.dat";

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

  /**
   * The tags listeners gave each artist ({@code user_taggedartists.dat}, tag names from
   * {@code tags.dat}, which is ISO-8859-1): per artist ID, its {@code perArtist} most given tags,
   * most given first (ties by name), lower-case. What makes the one real music dataset usable by
   * content and hybrid recommendations: the tags stand in for genres.
   */
  public ArtistTags readArtistTags(Path directory, int perArtist) throws IOException {
    if (perArtist < 1) {
      throw new IllegalArgumentException("tags per artist " + perArtist + " must be at least 1");
    }
    ItemNames tagNames = ItemNames.read(directory.resolve(TAGS_FILE),
        new DelimitedRows('\t', true, StandardCharsets.ISO_8859_1, skipBad), Column.named("tagID"),
        Column.named("tagValue"));
    Map<String, Map<String, Integer>> counts = new HashMap<>();
    ReadSummary tagged = new DelimitedRows('\t', true, StandardCharsets.UTF_8, skipBad)
        .read(directory.resolve(TAGGED_FILE), header -> {
          int artist = header.indexOf(Column.named("artistID"), "artistID");
          int tag = header.indexOf(Column.named("tagID"), "tagID");
          return row -> {
            String name = tagNames.names().get(row.text(tag, "tagID"));
            if (name != null && !name.isBlank()) {
              counts.computeIfAbsent(row.text(artist, "artistID"), id -> new HashMap<>())
                  .merge(name.strip().toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
          };
        });
    Map<String, List<String>> top = new HashMap<>();
    counts.forEach((artist, byTag) -> top.put(artist, byTag.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(perArtist).map(Map.Entry::getKey).toList()));
    return new ArtistTags(top, tagNames.summary().and(tagged));
  }

  /** The tags of each artist by artist ID, most given first, and what reading them saw. */
  public record ArtistTags(Map<String, List<String>> tags, ReadSummary summary) {}

  /** The artist names of {@code directory/artists.dat} by artist ID. */
  public ItemNames readArtistNames(Path directory) throws IOException {
    return ItemNames.read(directory.resolve(ARTISTS_FILE),
        new DelimitedRows('\t', true, StandardCharsets.UTF_8, skipBad), Column.named("id"), Column.named("name"));
  }
}
