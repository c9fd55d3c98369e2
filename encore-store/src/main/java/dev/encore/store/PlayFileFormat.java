package dev.encore.store;

import dev.encore.io.Column;
import dev.encore.io.DatasetFormatException;
import dev.encore.io.DelimitedFormat;
import dev.encore.io.LastFmReader;
import dev.encore.io.MovieLensReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The play files {@link Importer} reads, each through Encore's dataset reader for it. */
public enum PlayFileFormat {
  /** A MovieLens 100K folder: ratings of 4 and 5 in {@code u.data} as one play each, titles from {@code u.item}. */
  MOVIELENS,
  /** A Last.fm hetrec 2K folder: play counts from {@code user_artists.dat}, artist names from {@code artists.dat}. */
  LASTFM,
  /**
   * A tab-separated file with a header and columns {@code user item count [timestamp]}, as
   * {@code encore generate} writes: counts are whole play counts, timestamps Unix seconds.
   */
  TSV;

  /** The format named {@code name} (any case): movielens, lastfm or tsv. */
  public static PlayFileFormat parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("format '" + name + "' is not one of movielens, lastfm, tsv");
    }
  }

  /** The file holding the plays: {@code path} itself for TSV, the ratings or play counts file inside a folder. */
  Path playsFile(Path path) throws IOException {
    Path file = switch (this) {
      case MOVIELENS -> path.resolve(MovieLensReader.RATINGS_FILE);
      case LASTFM -> path.resolve(LastFmReader.PLAYS_FILE);
      case TSV -> path;
    };
    if (!Files.isRegularFile(file)) {
      String expected = this == TSV ? "a plays file" : "a " + name().toLowerCase(Locale.ROOT) + " folder holding " + file.getFileName();
      throw new IOException("no such file: " + file + " (expected " + expected + ")");
    }
    return file;
  }

  /**
   * The TSV layout of {@code file}: columns by position, with the fourth as the timestamp when
   * the header line has a fourth field.
   */
  static DelimitedFormat tsvLayout(Path file, boolean skipBad) throws IOException {
    DelimitedFormat base = DelimitedFormat.of('\t', Column.at(0), Column.at(1)).withHeader(true)
        .withValue(Column.at(2)).withSkipBad(skipBad);
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = lines.readLine();
      boolean timed = header != null && header.split("\t", -1).length >= 4;
      return timed ? base.withTimestamp(Column.at(3)) : base;
    } catch (CharacterCodingException e) {
      throw new DatasetFormatException(file.toString(), 1, null, null,
          "(or a line shortly after) is not valid UTF-8; check the file's charset");
    }
  }
}
