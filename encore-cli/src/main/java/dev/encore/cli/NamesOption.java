package dev.encore.cli;

import dev.encore.io.LastFmReader;
import dev.encore.io.MovieLensReader;
import dev.encore.io.TrackCsvReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --names PATH}: what to call the tracks a command prints, since a model file holds only
 * IDs. From a MovieLens 100k folder (u.item's titles), a Last.fm 2k folder (artists.dat) or a
 * track CSV with a title or artist column ("artist - title" when it has both).
 */
final class NamesOption {
  @Option(names = "--names", paramLabel = "PATH", description = "Print each track's name beside its ID: a MovieLens"
      + " 100k folder (u.item), a Last.fm 2k folder (artists.dat) or a track CSV with title or artist columns.")
  Path path;

  /** Track ID to display name; empty without --names. */
  Map<String, String> load() throws IOException {
    if (path == null) {
      return Map.of();
    }
    if (Files.isDirectory(path)) {
      if (Files.isRegularFile(path.resolve(MovieLensReader.TITLES_FILE))) {
        return new MovieLensReader().readTitles(path).names();
      }
      if (Files.isRegularFile(path.resolve(LastFmReader.ARTISTS_FILE))) {
        return new LastFmReader().readArtistNames(path).names();
      }
      throw new IllegalArgumentException("--names " + path + " is a folder with neither " + MovieLensReader.TITLES_FILE
          + " (MovieLens 100k) nor " + LastFmReader.ARTISTS_FILE + " (Last.fm 2k)");
    }
    Map<String, String> names = new HashMap<>();
    new TrackCsvReader().stream(path, row -> {
      String name = row.artist() == null ? row.title() : row.title() == null ? row.artist()
          : row.artist() + " - " + row.title();
      if (name != null) {
        names.put(row.trackId(), name);
      }
    });
    return names;
  }
}
