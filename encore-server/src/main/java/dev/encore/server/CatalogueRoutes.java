package dev.encore.server;

import dev.encore.store.EncoreStore;
import dev.encore.store.Listener;
import dev.encore.store.ListenerRepository;
import dev.encore.store.PlayEvent;
import dev.encore.store.Track;
import dev.encore.store.TrackRepository;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The data: tracks, listeners and plays. POST /v1/plays answers only after the store has
 * committed the batch (durable once answered 2xx) and every listener in it has been folded into
 * the live model, so the next request reflects the plays.
 */
final class CatalogueRoutes {
  /** How many of a listener's newest plays GET /v1/users/{id}/plays returns at most. */
  static final int MAX_PLAYS_SHOWN = 1000;

  private final EncoreStore store;
  private final LiveModel live;
  private final JsonBodies bodies;
  private final ServerMetrics metrics;
  private final Clock clock;

  CatalogueRoutes(EncoreStore store, LiveModel live, JsonBodies bodies, ServerMetrics metrics, Clock clock) {
    this.store = store;
    this.live = live;
    this.bodies = bodies;
    this.metrics = metrics;
    this.clock = clock;
  }

  void register(Javalin app) {
    app.post("/v1/plays", this::addPlays, Access.WRITE);
    app.post("/v1/tracks", this::addTracks, Access.WRITE);
    app.get("/v1/tracks", this::listTracks, Access.READ);
    app.get("/v1/tracks/{id}", this::getTrack, Access.READ);
    app.delete("/v1/tracks/{id}", this::deleteTrack, Access.WRITE);
    app.post("/v1/users", this::addUsers, Access.WRITE);
    app.get("/v1/users", this::listUsers, Access.READ);
    app.get("/v1/users/{id}", this::getUser, Access.READ);
    app.delete("/v1/users/{id}", this::deleteUser, Access.WRITE);
    app.get("/v1/users/{id}/plays", this::userPlays, Access.READ);
  }

  private void addPlays(Context ctx) {
    List<PlayEvent> events = PlayRequest.toEvents(bodies.readOneOrMany(ctx, PlayRequest.class), clock.instant());
    int stored = store.plays().add(events);
    Set<String> listeners = new LinkedHashSet<>();
    int unknownToModel = 0;
    ServingSnapshot before = live.snapshot();
    for (PlayEvent event : events) {
      listeners.add(event.userId());
      if (!before.tracks().contains(event.trackId())) {
        unknownToModel++;
      }
    }
    List<FoldedInfo> folded = new ArrayList<>(listeners.size());
    for (String userId : listeners) {
      FoldedListener listener = live.foldIn(userId);
      folded.add(new FoldedInfo(userId, listener.hasVector(), listener.knownPlays().size(), listener.unknownTracks()));
    }
    metrics.playsStored(stored, unknownToModel);
    ctx.json(new PlaysStored(events.size(), stored, events.size() - stored, unknownToModel,
        live.snapshot().modelVersion(), folded));
  }

  private void addTracks(Context ctx) {
    List<Track> tracks = bodies.readOneOrMany(ctx, Track.class);
    int stored = store.tracks().upsert(tracks);
    ctx.json(new TracksStored(tracks.size(), stored));
  }

  private void listTracks(Context ctx) {
    int offset = QueryParameters.offset(ctx);
    int limit = QueryParameters.limit(ctx);
    Optional<String> query = QueryParameters.search(ctx);
    if (query.isPresent()) {
      TrackRepository.Page found = store.tracks().search(query.get(), offset, limit);
      ctx.json(new TrackPage(found.total(), offset, limit, found.tracks()));
      return;
    }
    ctx.json(new TrackPage(store.tracks().count(), offset, limit, store.tracks().list(offset, limit)));
  }

  private void getTrack(Context ctx) {
    String trackId = ctx.pathParam("id");
    ctx.json(store.tracks().find(trackId).orElseThrow(() -> ApiException.unknownTrack(trackId)));
  }

  private void addUsers(Context ctx) {
    List<UserRequest> users = bodies.readOneOrMany(ctx, UserRequest.class);
    int created = 0;
    for (UserRequest user : users) {
      if (store.listeners().add(user.id())) {
        created++;
      }
    }
    ctx.status(created > 0 ? 201 : 200).json(new UsersStored(users.size(), created));
  }

  private void listUsers(Context ctx) {
    int offset = QueryParameters.offset(ctx);
    int limit = QueryParameters.limit(ctx);
    Optional<String> query = QueryParameters.search(ctx);
    if (query.isPresent()) {
      ListenerRepository.Page found = store.listeners().search(query.get(), offset, limit);
      ctx.json(new ListenerPage(found.total(), offset, limit, found.listeners()));
      return;
    }
    ctx.json(new ListenerPage(store.listeners().count(), offset, limit, store.listeners().list(offset, limit)));
  }

  /**
   * Forgets a listener: their plays and row in the store, then their row in the serving model and
   * their folded vector, so no answer from now on holds them; the next model is trained without them.
   */
  private void deleteUser(Context ctx) {
    String userId = ctx.pathParam("id");
    Optional<Long> plays = store.listeners().delete(userId);
    if (plays.isEmpty() && !live.view().knowsListener(userId)) {
      throw ApiException.unknownListener(userId);
    }
    live.forgetListener(userId);
    ctx.json(new Deleted("listener", userId, plays.orElse(0L), live.snapshot().modelVersion()));
  }

  /** Removes a track: its plays, features and row in the store, then from every answer the serving model gives. */
  private void deleteTrack(Context ctx) {
    String trackId = ctx.pathParam("id");
    long plays = store.tracks().delete(trackId).orElseThrow(() -> ApiException.unknownTrack(trackId));
    live.forgetTrack(trackId);
    ctx.json(new Deleted("track", trackId, plays, live.snapshot().modelVersion()));
  }

  private void getUser(Context ctx) {
    String userId = ctx.pathParam("id");
    Listener listener = store.listeners().find(userId).orElseThrow(() -> ApiException.unknownListener(userId));
    ServingView view = live.view();
    FoldedListener folded = view.folded(userId);
    boolean inModel = view.snapshot().hasModel() && view.snapshot().model().users().contains(userId);
    ctx.json(new ListenerBody(listener.id(), listener.createdAt(), inModel, folded != null && folded.hasVector(),
        view.snapshot().modelVersion()));
  }

  private void userPlays(Context ctx) {
    String userId = ctx.pathParam("id");
    int limit = QueryParameters.wholeNumber(ctx, "limit", QueryParameters.DEFAULT_PAGE, 1, MAX_PLAYS_SHOWN);
    if (store.listeners().find(userId).isEmpty()) {
      throw ApiException.unknownListener(userId);
    }
    List<PlayEvent> plays = store.plays().forUser(userId, limit);
    TrackNames names = TrackNames.forRequest(ctx, store, plays.stream().map(PlayEvent::trackId).distinct().toList());
    ctx.json(new ListenerPlays(userId, plays.stream().map(play -> StoredPlay.of(play, names.of(play.trackId()))).toList()));
  }

  /** Per listener of a posted batch: whether they now have folded-in factors, and from how many tracks. */
  /** What a delete removed: the listener or track and how many plays went with it. */
  record Deleted(String kind, String id, long playsDeleted, long modelVersion) {}

  record FoldedInfo(String userId, boolean foldedIn, int tracksInModel, int tracksNotInModel) {}

  record PlaysStored(int received, int stored, int duplicates, int unknownToModel, long modelVersion,
      List<FoldedInfo> listeners) {}

  record TracksStored(int received, int stored) {}

  record UsersStored(int received, int created) {}

  record TrackPage(long total, int offset, int limit, List<Track> tracks) {}

  record ListenerPage(long total, int offset, int limit, List<Listener> users) {}

  record ListenerBody(String id, Instant createdAt, boolean inModel, boolean foldedIn, long modelVersion) {}

  /** A stored play event; the track's title and artist only with {@code include=names}. */
  record StoredPlay(String userId, String trackId, Instant playedAt, int playCount, Float durationSeconds,
      String source, String title, String artist) {
    static StoredPlay of(PlayEvent play, Track named) {
      return new StoredPlay(play.userId(), play.trackId(), play.playedAt(), play.playCount(), play.durationSeconds(),
          play.source(), named == null ? null : named.title(), named == null ? null : named.artist());
    }
  }

  record ListenerPlays(String userId, List<StoredPlay> plays) {}
}
