package dev.encore.store;

import dev.encore.content.FeatureTable;
import dev.encore.content.StandardFeatures;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The track catalogue: tracks, their features (one row per name) and their genre and mood tags. */
public final class TrackRepository {
  /** Tracks per query when {@link #forEach} pages through the catalogue. */
  static final int PAGE = 1_000;
  private static final String GENRE = "genre";
  private static final String MOOD = "mood";

  private static final RowMapper<TrackRow> TRACK_ROW =
      (row, context) -> new TrackRow(row.getString("id"), row.getString("title"), row.getString("artist"));

  private final EncoreStore store;

  TrackRepository(EncoreStore store) {
    this.store = store;
  }

  /**
   * Inserts or replaces each track whole (names, features and tags), all in one transaction;
   * returns the number of distinct tracks written. A later entry for the same ID wins.
   */
  public int upsert(List<Track> tracks) {
    return upsert(tracks, false);
  }

  /**
   * As {@link #upsert}, except that a null title or artist keeps the stored one: for catalogue
   * files that carry features and tags but no names.
   */
  int upsertKeepingNames(List<Track> tracks) {
    return upsert(tracks, true);
  }

  /** Tracks are written in ID order so that concurrent upserts on PostgreSQL never deadlock. */
  private int upsert(List<Track> tracks, boolean keepNames) {
    Map<String, Track> byId = new TreeMap<>();
    for (Track track : tracks) {
      store.config().limits().check(track);
      byId.put(track.id(), track);
    }
    if (byId.isEmpty()) {
      return 0;
    }
    return store.inTransaction(handle -> {
      upsert(handle, byId.values(), keepNames);
      return byId.size();
    });
  }

  private void upsert(Handle handle, Collection<Track> tracks, boolean keepNames) {
    PreparedBatch rows = handle.prepareBatch("INSERT INTO tracks (id, title, artist) VALUES (?, ?, ?)"
        + (keepNames
            ? " ON CONFLICT (id) DO UPDATE SET title = COALESCE(excluded.title, tracks.title),"
                + " artist = COALESCE(excluded.artist, tracks.artist)"
            : " ON CONFLICT (id) DO UPDATE SET title = excluded.title, artist = excluded.artist"));
    PreparedBatch clearFeatures = handle.prepareBatch("DELETE FROM track_features WHERE track_id = ?");
    PreparedBatch clearTags = handle.prepareBatch("DELETE FROM track_tags WHERE track_id = ?");
    for (Track track : tracks) {
      rows.add(track.id(), track.title(), track.artist());
      clearFeatures.add(track.id());
      clearTags.add(track.id());
    }
    checkNewFeatureNames(handle, tracks);
    rows.execute();
    clearFeatures.execute();
    clearTags.execute();
    insertFeaturesAndTags(handle, tracks);
    // Only a name kept from before (keepNames, none given) has to be read back to know the search text.
    List<Track> asGiven = new ArrayList<>();
    List<String> namesKept = new ArrayList<>();
    for (Track track : tracks) {
      if (!keepNames || track.title() != null && track.artist() != null) {
        asGiven.add(track);
      } else {
        namesKept.add(track.id());
      }
    }
    writeSearch(handle, asGiven);
    refreshSearch(handle, namesKept);
  }

  /**
   * Writes the search text of the tracks {@code ids} from what is stored now (a name kept from
   * before included), inside the caller's transaction.
   */
  private void refreshSearch(Handle handle, Collection<String> ids) {
    for (List<String> chunk : Batches.chunks(ids, Batches.MAX_IN_LIST)) {
      writeSearch(handle, load(handle, handle.createQuery("SELECT id, title, artist FROM tracks WHERE id IN (<ids>)")
          .bindList("ids", chunk).map(TRACK_ROW).list()));
    }
  }

  /** Writes the search text of {@code tracks} as they are given, inside the caller's transaction. */
  private static void writeSearch(Handle handle, Collection<Track> tracks) {
    if (tracks.isEmpty()) {
      return;
    }
    PreparedBatch texts = handle.prepareBatch("INSERT INTO track_search (track_id, text) VALUES (?, ?)"
        + " ON CONFLICT (track_id) DO UPDATE SET text = excluded.text");
    for (Track track : tracks) {
      texts.add(track.id(), searchText(track));
    }
    texts.execute();
  }

  private static String searchText(Track track) {
    List<String> words = new ArrayList<>();
    if (track.title() != null) {
      words.add(track.title());
    }
    if (track.artist() != null) {
      words.add(track.artist());
    }
    words.addAll(track.genres());
    words.addAll(track.moods());
    return SearchText.of(String.join(" | ", words));
  }

  /** Fills the search text of every track that has none: a database from before search, once. */
  void fillMissingSearchText() {
    List<String> missing = store.withHandle(handle -> handle.createQuery("SELECT id FROM tracks WHERE id NOT IN"
        + " (SELECT track_id FROM track_search) AND (title IS NOT NULL OR artist IS NOT NULL OR id IN"
        + " (SELECT track_id FROM track_tags))").mapTo(String.class).list());
    for (List<String> chunk : Batches.chunks(missing, PAGE)) {
      store.inTransaction(handle -> {
        refreshSearch(handle, chunk);
        return null;
      });
    }
  }

  /**
   * The tracks whose title, artist or a tag contains {@code query}, ignoring case and accents, in
   * ID order, a page of them and how many there are in all.
   */
  public Page search(String query, int offset, int limit) {
    EncoreStore.requirePage(offset, limit);
    String pattern = SearchText.containing(query);
    return store.withHandle(handle -> {
      long total = handle.createQuery("SELECT COUNT(*) FROM track_search WHERE text LIKE ? ESCAPE '\\'")
          .bind(0, pattern).mapTo(Long.class).one();
      List<Track> tracks = load(handle, handle.createQuery("SELECT t.id, t.title, t.artist FROM track_search s"
              + " JOIN tracks t ON t.id = s.track_id WHERE s.text LIKE ? ESCAPE '\\' ORDER BY t.id LIMIT ? OFFSET ?")
          .bind(0, pattern).bind(1, limit).bind(2, offset).map(TRACK_ROW).list());
      return new Page(total, tracks);
    });
  }

  /** One page of a search and the number of matches in all. */
  public record Page(long total, List<Track> tracks) {}

  /**
   * Refuses the batch when its new feature names would take the catalogue past
   * {@link StoreLimits#maxFeatureNames()}; the whole catalogue is counted only when the batch
   * brings names not stored yet, which after the first import is rare.
   */
  private void checkNewFeatureNames(Handle handle, Collection<Track> tracks) {
    Set<String> names = new TreeSet<>();
    tracks.forEach(track -> names.addAll(track.features().keySet()));
    if (names.isEmpty()) {
      return;
    }
    for (List<String> chunk : Batches.chunks(names, Batches.MAX_IN_LIST)) {
      handle.createQuery("SELECT DISTINCT name FROM track_features WHERE name IN (<names>)")
          .bindList("names", chunk).mapTo(String.class).forEach(names::remove);
    }
    if (!names.isEmpty()) {
      long stored = handle.createQuery("SELECT COUNT(*) FROM (SELECT DISTINCT name FROM track_features) AS named")
          .mapTo(Long.class).one();
      store.config().limits().checkFeatureNames(stored + names.size());
    }
  }

  private static void insertFeaturesAndTags(Handle handle, Collection<Track> tracks) {
    PreparedBatch features = handle.prepareBatch("INSERT INTO track_features (track_id, name, value) VALUES (?, ?, ?)");
    PreparedBatch tags = handle.prepareBatch("INSERT INTO track_tags (track_id, kind, position, tag) VALUES (?, ?, ?, ?)");
    boolean anyFeature = false;
    boolean anyTag = false;
    for (Track track : tracks) {
      for (Map.Entry<String, Float> feature : track.features().entrySet()) {
        features.add(track.id(), feature.getKey(), feature.getValue());
        anyFeature = true;
      }
      anyTag |= addTags(tags, track.id(), GENRE, track.genres());
      anyTag |= addTags(tags, track.id(), MOOD, track.moods());
    }
    if (anyFeature) {
      features.execute();
    }
    if (anyTag) {
      tags.execute();
    }
  }

  private static boolean addTags(PreparedBatch batch, String trackId, String kind, List<String> tags) {
    for (int position = 0; position < tags.size(); position++) {
      batch.add(trackId, kind, position, tags.get(position));
    }
    return !tags.isEmpty();
  }

  /**
   * Inserts the tracks whose ID is not yet in the catalogue (ID, title, artist and tags: what a
   * dataset folder names them), inside the caller's transaction, leaving known tracks as they
   * are; returns how many were new.
   */
  int addMissing(Handle handle, Collection<Track> tracks) {
    if (tracks.isEmpty()) {
      return 0;
    }
    PreparedBatch rows = handle.prepareBatch(
        "INSERT INTO tracks (id, title, artist) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING");
    List<Track> inIdOrder = new ArrayList<>(tracks);
    inIdOrder.sort(Comparator.comparing(Track::id));
    for (Track track : inIdOrder) {
      rows.add(track.id(), track.title(), track.artist());
    }
    int[] inserted = rows.execute();
    Batches.rowsChanged(inserted);
    List<Track> added = new ArrayList<>();
    for (int i = 0; i < inserted.length; i++) {
      if (inserted[i] > 0) {
        added.add(inIdOrder.get(i));
      }
    }
    insertFeaturesAndTags(handle, added);
    writeSearch(handle, added.stream().filter(TrackRepository::searchable).toList());
    return added.size();
  }

  private static boolean searchable(Track track) {
    return track.title() != null || track.artist() != null || !track.genres().isEmpty() || !track.moods().isEmpty();
  }

  /** The IDs of {@code ids} that are not in the catalogue, in the order given. */
  List<String> missing(Handle handle, Collection<String> ids) {
    Set<String> known = new HashSet<>();
    for (List<String> chunk : Batches.chunks(ids, Batches.MAX_IN_LIST)) {
      known.addAll(handle.createQuery("SELECT id FROM tracks WHERE id IN (<ids>)")
          .bindList("ids", chunk)
          .mapTo(String.class)
          .list());
    }
    return ids.stream().filter(id -> !known.contains(id)).toList();
  }

  /**
   * Removes the track: its plays, features, tags and row, in one transaction. Empty when the
   * store never had it; else how many plays went.
   */
  public Optional<Long> delete(String id) {
    return store.inTransaction(handle -> {
      long plays = handle.execute("DELETE FROM play_events WHERE track_id = ?", id);
      handle.execute("DELETE FROM track_features WHERE track_id = ?", id);
      handle.execute("DELETE FROM track_tags WHERE track_id = ?", id);
      handle.execute("DELETE FROM track_search WHERE track_id = ?", id);
      int rows = handle.execute("DELETE FROM tracks WHERE id = ?", id);
      return rows == 0 && plays == 0 ? Optional.<Long>empty() : Optional.of(plays);
    });
  }

  public Optional<Track> find(String id) {
    return store.withHandle(handle -> {
      List<Track> found = load(handle, handle.createQuery("SELECT id, title, artist FROM tracks WHERE id = ?")
          .bind(0, id)
          .map(TRACK_ROW)
          .list());
      return found.stream().findFirst();
    });
  }

  /** The stored tracks among {@code ids}, by ID; IDs the catalogue lacks are left out. */
  public Map<String, Track> findAll(Collection<String> ids) {
    Map<String, Track> found = new HashMap<>();
    store.withHandle(handle -> {
      for (List<String> chunk : Batches.chunks(ids, Batches.MAX_IN_LIST)) {
        load(handle, handle.createQuery("SELECT id, title, artist FROM tracks WHERE id IN (<ids>)")
            .bindList("ids", chunk).map(TRACK_ROW).list()).forEach(track -> found.put(track.id(), track));
      }
      return null;
    });
    return found;
  }

  /** A page of tracks in ID order. */
  public List<Track> list(int offset, int limit) {
    EncoreStore.requirePage(offset, limit);
    return store.withHandle(handle -> load(handle, handle
        .createQuery("SELECT id, title, artist FROM tracks ORDER BY id LIMIT ? OFFSET ?")
        .bind(0, limit)
        .bind(1, offset)
        .map(TRACK_ROW)
        .list()));
  }

  public long count() {
    return store.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM tracks").mapTo(Long.class).one());
  }

  /**
   * Hands every track to {@code action} in ID order, {@value #PAGE} at a time (keyset paging), so
   * memory stays flat however large the catalogue and no long transaction is held.
   */
  public void forEach(Consumer<Track> action) {
    String after = null;
    while (true) {
      String from = after;
      List<Track> page = store.withHandle(handle -> load(handle, (from == null
          ? handle.createQuery("SELECT id, title, artist FROM tracks ORDER BY id LIMIT ?").bind(0, PAGE)
          : handle.createQuery("SELECT id, title, artist FROM tracks WHERE id > ? ORDER BY id LIMIT ?")
              .bind(0, from).bind(1, PAGE))
          .map(TRACK_ROW)
          .list()));
      page.forEach(action);
      if (page.size() < PAGE) {
        return;
      }
      after = page.get(page.size() - 1).id();
    }
  }

  /**
   * The catalogue's content as the content and hybrid recommenders read it: every track with at
   * least one feature or tag, in ID order (a bare track, known only from plays, is left out); one
   * column per feature name any track has, the standard features first
   * ({@link StandardFeatures#standardFirst}) and the others by name; a feature a track lacks is
   * NaN, missing. Pages through the catalogue as {@link #forEach} does.
   */
  public FeatureTable features() {
    List<Track> described = new ArrayList<>();
    Set<String> names = new TreeSet<>();
    forEach(track -> {
      if (!track.features().isEmpty() || !track.genres().isEmpty() || !track.moods().isEmpty()) {
        described.add(track);
        names.addAll(track.features().keySet());
      }
    });
    List<String> columns = StandardFeatures.standardFirst(List.copyOf(names));
    FeatureTable.Builder table = FeatureTable.builder(columns);
    for (Track track : described) {
      float[] values = new float[columns.size()];
      for (int column = 0; column < values.length; column++) {
        values[column] = track.features().getOrDefault(columns.get(column), Float.NaN);
      }
      table.add(track.id(), values, track.genres(), track.moods());
    }
    return table.build();
  }

  private record TrackRow(String id, String title, String artist) {}

  private record FeatureRow(String trackId, String name, float value) {}

  private record TagRow(String trackId, String kind, String tag) {}

  /** The rows with their features and tags, fetched for all of them at once. */
  private static List<Track> load(Handle handle, List<TrackRow> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, Map<String, Float>> features = new HashMap<>();
    Map<String, List<String>> genres = new HashMap<>();
    Map<String, List<String>> moods = new HashMap<>();
    Set<String> ids = new TreeSet<>();
    rows.forEach(row -> ids.add(row.id()));
    for (List<String> chunk : Batches.chunks(ids, Batches.MAX_IN_LIST)) {
      handle.createQuery("SELECT track_id, name, value FROM track_features WHERE track_id IN (<ids>)"
              + " ORDER BY track_id, name")
          .bindList("ids", chunk)
          .map((row, context) -> new FeatureRow(row.getString("track_id"), row.getString("name"), row.getFloat("value")))
          .forEach(feature -> features.computeIfAbsent(feature.trackId(), id -> new LinkedHashMap<>())
              .put(feature.name(), feature.value()));
      handle.createQuery("SELECT track_id, kind, tag FROM track_tags WHERE track_id IN (<ids>)"
              + " ORDER BY track_id, kind, position")
          .bindList("ids", chunk)
          .map((row, context) -> new TagRow(row.getString("track_id"), row.getString("kind"), row.getString("tag")))
          .forEach(tag -> (GENRE.equals(tag.kind()) ? genres : moods)
              .computeIfAbsent(tag.trackId(), id -> new ArrayList<>()).add(tag.tag()));
    }
    List<Track> tracks = new ArrayList<>(rows.size());
    for (TrackRow row : rows) {
      tracks.add(new Track(row.id(), row.title(), row.artist(), features.getOrDefault(row.id(), Map.of()),
          genres.getOrDefault(row.id(), List.of()), moods.getOrDefault(row.id(), List.of())));
    }
    return tracks;
  }
}
