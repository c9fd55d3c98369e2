package dev.encore.io;

import dev.encore.data.InteractionsBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads a MovieLens 100K directory as implicit feedback: {@code u.data} (tab-separated
 * {@code user item rating timestamp}, no header) keeping ratings at or above a threshold
 * (default 4) as one play each, or as the rating itself with {@link #keepingRatings()}, with
 * their timestamps; and the titles from {@code u.item} (pipe-separated, ISO-8859-1, the title in
 * the second field).
 *
 * <p>The summary counts every rating row as read; ratings under the threshold are left out,
 * not skipped, so they are not in {@code rowsSkipped}.
 */
public final class MovieLensReader {
  /** The ratings file inside a MovieLens 100K folder. */
  public static final String RATINGS_FILE = "u.data";
  /** The titles file inside a MovieLens 100K folder. */
  public static final String TITLES_FILE = "u.item";

  /** Ratings of 4 and 5 stars count as a play, the usual implicit reading of MovieLens. */
  public static final float DEFAULT_THRESHOLD = 4f;

  private static final DelimitedFormat RATINGS = DelimitedFormat.of('\t', Column.at(0), Column.at(1))
      .withValue(Column.at(2))
      .withTimestamp(Column.at(3));

  private final float threshold;
  private final boolean keepRatings;
  private final boolean skipBad;

  private MovieLensReader(float threshold, boolean keepRatings, boolean skipBad) {
    if (!Float.isFinite(threshold) || threshold < 0) {
      throw new IllegalArgumentException("rating threshold " + threshold + " must be finite and >= 0");
    }
    this.threshold = threshold;
    this.keepRatings = keepRatings;
    this.skipBad = skipBad;
  }

  /** Threshold 4, each kept rating one play, bad rows fatal. */
  public MovieLensReader() {
    this(DEFAULT_THRESHOLD, false, false);
  }

  /** Keeps ratings >= {@code minimumRating}. */
  public MovieLensReader withThreshold(float minimumRating) {
    return new MovieLensReader(minimumRating, keepRatings, skipBad);
  }

  /** Stores the rating (1-5) as the value instead of 1. */
  public MovieLensReader keepingRatings() {
    return new MovieLensReader(threshold, true, skipBad);
  }

  /** Skips bad rows, counting them in the summary, instead of stopping. */
  public MovieLensReader skippingBadRows() {
    return new MovieLensReader(threshold, keepRatings, true);
  }

  /** Reads {@code directory/u.data} and {@code directory/u.item}. */
  public Dataset read(Path directory) throws IOException {
    InteractionsBuilder builder = new InteractionsBuilder();
    ReadSummary ratings = read(directory, builder);
    ItemNames titles = readTitles(directory);
    return new Dataset(builder.build(), titles.names(), ratings.and(titles.summary()));
  }

  /** Adds the kept ratings of {@code directory/u.data} to {@code into}, without titles. */
  public ReadSummary read(Path directory, InteractionsBuilder into) throws IOException {
    return stream(directory, row -> row.addTo(into));
  }

  /** Hands the kept ratings of {@code directory/u.data} to {@code handler} one at a time, in file order. */
  public ReadSummary stream(Path directory, PlayRowHandler handler) throws IOException {
    return ratingsReader().stream(directory.resolve(RATINGS_FILE), handler);
  }

  /** The movie titles of {@code directory/u.item} by item ID. */
  public ItemNames readTitles(Path directory) throws IOException {
    return ItemNames.read(directory.resolve(TITLES_FILE),
        new DelimitedRows('|', false, StandardCharsets.ISO_8859_1, skipBad), Column.at(0), Column.at(1));
  }

  private DelimitedReader ratingsReader() {
    return new DelimitedReader(RATINGS.withSkipBad(skipBad), new ValueRule(threshold, !keepRatings));
  }
}
