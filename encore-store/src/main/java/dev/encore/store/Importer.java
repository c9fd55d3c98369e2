package dev.encore.store;

import dev.encore.io.CatalogueRow;
import dev.encore.io.DelimitedReader;
import dev.encore.io.ItemNames;
import dev.encore.io.LastFmReader;
import dev.encore.io.MovieLensReader;
import dev.encore.io.PlayRow;
import dev.encore.io.PlayRowHandler;
import dev.encore.io.ReadSummary;
import dev.encore.io.TrackCsvReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Loads play files and track catalogues into the store through Encore's dataset readers:
 * streamed line by line, {@link ImportOptions#batchSize()} rows per transaction, so memory stays
 * flat and a crash loses at most the batch in flight. Idempotent: plays are identified by
 * (listener, track, time, source), so importing the same file again adds nothing.
 *
 * <p>A bad row stops the import with an error naming file, line and field; the batches before it
 * stay stored, and once the row is fixed a re-run adds only what is missing. With
 * {@link ImportOptions#skipBadRows()} bad rows are skipped and counted in the summary instead.
 */
public final class Importer {
  private final EncoreStore store;
  private final ImportOptions options;

  public Importer(EncoreStore store, ImportOptions options) {
    this.store = Objects.requireNonNull(store, "store");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Imports Encore's track CSV ({@link TrackCsvReader}: {@code track,genre,mood,<features...>}, as
   * {@code encore generate --tracks-output} writes): each track's features and tags are replaced
   * whole, and its title and artist where the file gives them (a stored name is kept otherwise).
   * A track repeated in the file is written as its last row says.
   */
  public TrackImportSummary importTracks(Path csv, ImportListener listener) throws IOException {
    requireFile(csv);
    listener.started("Tracks", LineCounter.count(csv));
    TrackReader reader = new TrackReader(listener);
    TrackCsvReader csvReader = options.skipBadRows() ? new TrackCsvReader().skippingBadRows() : new TrackCsvReader();
    ReadSummary read = csvReader.stream(csv, reader::accept);
    reader.flush();
    listener.finished();
    return new TrackImportSummary(read, reader.written);
  }

  /**
   * Imports plays. Tracks the plays name that the catalogue lacks are created bare (with the
   * movie title or artist name where the dataset has one); listeners are created as they appear.
   */
  public PlayImportSummary importPlays(Path path, PlayFileFormat format, ImportListener listener) throws IOException {
    Path playsFile = format.playsFile(path);
    Map<String, Track> names = new LinkedHashMap<>();
    ReadSummary namesRead = readNames(path, format, names);
    listener.started("Plays", LineCounter.count(playsFile));
    PlayLoader loader = new PlayLoader(names, listener);
    ReadSummary read = switch (format) {
      case MOVIELENS -> movieLens().stream(path, loader);
      case LASTFM -> lastFm().stream(path, loader);
      case TSV -> new DelimitedReader(PlayFileFormat.tsvLayout(playsFile, options.skipBadRows())).stream(playsFile, loader);
    };
    loader.flush();
    listener.finished();
    return new PlayImportSummary(read, namesRead, read.rowsKept() - loader.events, loader.added,
        loader.events - loader.added, loader.tracksCreated);
  }

  private MovieLensReader movieLens() {
    MovieLensReader reader = new MovieLensReader();
    return options.skipBadRows() ? reader.skippingBadRows() : reader;
  }

  private LastFmReader lastFm() {
    LastFmReader reader = new LastFmReader();
    return options.skipBadRows() ? reader.skippingBadRows() : reader;
  }

  /** How many of the tags listeners gave a Last.fm artist become its genre tags, most given first. */
  static final int LASTFM_TAGS_PER_ARTIST = 5;

  /** The display names a dataset folder has for its items, as the bare tracks plays create; null when none. */
  private ReadSummary readNames(Path path, PlayFileFormat format, Map<String, Track> into) throws IOException {
    ItemNames names;
    if (format == PlayFileFormat.MOVIELENS && Files.isRegularFile(path.resolve(MovieLensReader.TITLES_FILE))) {
      names = movieLens().readTitles(path);
      names.names().forEach((id, title) -> into.put(id, new Track(id, title, null, Map.of(), List.of(), List.of())));
    } else if (format == PlayFileFormat.LASTFM && Files.isRegularFile(path.resolve(LastFmReader.ARTISTS_FILE))) {
      names = lastFm().readArtistNames(path);
      LastFmReader.ArtistTags tags = Files.isRegularFile(path.resolve(LastFmReader.TAGGED_FILE))
          && Files.isRegularFile(path.resolve(LastFmReader.TAGS_FILE))
          ? lastFm().readArtistTags(path, LASTFM_TAGS_PER_ARTIST) : null;
      names.names().forEach((id, artist) -> into.put(id, new Track(id, null, artist, Map.of(),
          tags == null ? List.of() : tags.tags().getOrDefault(id, List.of()), List.of())));
      return tags == null ? names.summary() : names.summary().and(tags.summary());
    } else {
      return null;
    }
    return names.summary();
  }

  private static void requireFile(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no such file: " + file);
    }
  }

  /** Turns rows into play events and stores them a batch per transaction. */
  private final class PlayLoader implements PlayRowHandler {
    private final Map<String, Track> names;
    private final ImportListener listener;
    private final List<PlayEvent> batch = new ArrayList<>(options.batchSize());
    private long lastLine;
    long events;
    long added;
    long tracksCreated;

    PlayLoader(Map<String, Track> names, ImportListener listener) {
      this.names = names;
      this.listener = listener;
    }

    @Override
    public void accept(PlayRow row) {
      PlayEvent play;
      try {
        play = new PlayEvent(row.user(), row.item(), playedAt(row), playCount(row), null, options.source());
        store.config().limits().check(play);
      } catch (IllegalArgumentException e) {
        throw row.reject(null, null, e.getMessage());
      }
      batch.add(play);
      events++;
      lastLine = row.line();
      if (batch.size() == options.batchSize()) {
        flush();
      }
    }

    private static int playCount(PlayRow row) {
      float value = row.value();
      if (value < 1 || value != Math.rint(value) || value > Integer.MAX_VALUE) {
        throw row.reject("value", Float.toString(value), "is not a whole play count >= 1");
      }
      return (int) value;
    }

    private Instant playedAt(PlayRow row) {
      if (!row.timed()) {
        return options.untimedPlayedAt();
      }
      try {
        return Instant.ofEpochSecond(row.timestamp());
      } catch (DateTimeException e) {
        throw row.reject("timestamp", Long.toString(row.timestamp()), "is not a Unix time in seconds");
      }
    }

    void flush() {
      if (batch.isEmpty()) {
        return;
      }
      Map<String, Track> tracks = new LinkedHashMap<>();
      for (PlayEvent play : batch) {
        tracks.computeIfAbsent(play.trackId(), id -> names.getOrDefault(id, Track.bare(id)));
      }
      store.inTransaction(handle -> {
        tracksCreated += store.tracks().addMissing(handle, tracks.values());
        added += store.plays().add(handle, batch);
        return null;
      });
      batch.clear();
      listener.progressed(lastLine);
    }
  }

  /** Turns catalogue rows into tracks and writes them a batch per transaction. */
  private final class TrackReader {
    private final ImportListener listener;
    private final List<Track> batch = new ArrayList<>(options.batchSize());
    private long lastLine;
    long written;

    TrackReader(ImportListener listener) {
      this.listener = listener;
    }

    void accept(CatalogueRow row) {
      batch.add(new Track(row.trackId(), row.title(), row.artist(), row.features(), row.genres(), row.moods()));
      lastLine = row.line();
      if (batch.size() == options.batchSize()) {
        flush();
      }
    }

    void flush() {
      if (batch.isEmpty()) {
        return;
      }
      written += store.tracks().upsertKeepingNames(batch);
      batch.clear();
      listener.progressed(lastLine);
    }
  }
}
