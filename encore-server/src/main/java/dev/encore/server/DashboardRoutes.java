package dev.encore.server;

import dev.encore.store.EncoreStore;
import dev.encore.store.Track;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GET /v1/stats: the numbers the dashboard at / draws, in one request. What it reads from the
 * database (counts, top tracks' names, plays per day) is at most {@link #STORE_FIGURES_MAX_AGE}
 * old and computed once for all the readers polling it; the serving and latency figures are live.
 */
final class DashboardRoutes {
  private static final int TOP_TRACKS = 10;
  private static final int DAYS = 30;
  static final Duration STORE_FIGURES_MAX_AGE = Duration.ofSeconds(2);

  private final EncoreStore store;
  private final LiveModel live;
  private final ServerMetrics metrics;
  private final DailyPlays dailyPlays;
  private final RecentValue<StoreFigures> storeFigures;

  DashboardRoutes(EncoreStore store, LiveModel live, ServerMetrics metrics, DailyPlays dailyPlays) {
    this.store = store;
    this.live = live;
    this.metrics = metrics;
    this.dailyPlays = dailyPlays;
    this.storeFigures = new RecentValue<>(this::storeFigures, STORE_FIGURES_MAX_AGE);
  }

  void register(Javalin app) {
    app.get("/v1/stats", this::stats, Access.READ);
  }

  private void stats(Context ctx) {
    ServingView view = live.view();
    ServingSnapshot snapshot = view.snapshot();
    StoreFigures stored = storeFigures.get();
    Serving serving = new Serving(snapshot.modelVersion(), snapshot.hasModel() ? "als" : "popular",
        snapshot.listeners().size(), snapshot.tracks().size(), view.foldedCount(), store.vendor());
    ctx.json(new Stats(stored.counts(), serving, stored.topTracks(), stored.playsPerDay(), metrics.latencies()));
  }

  private StoreFigures storeFigures() {
    ServingSnapshot snapshot = live.snapshot();
    List<TopTrack> top = new ArrayList<>();
    for (int rank = 0; rank < Math.min(TOP_TRACKS, snapshot.popularOrder().length); rank++) {
      int track = snapshot.popularOrder()[rank];
      String trackId = snapshot.tracks().idOf(track);
      Optional<Track> stored = store.tracks().find(trackId);
      top.add(new TopTrack(trackId, stored.map(Track::title).orElse(null), stored.map(Track::artist).orElse(null),
          (long) snapshot.popularity().popularity(track)));
    }
    Counts counts = new Counts(store.listeners().count(), store.tracks().count(), store.plays().count());
    return new StoreFigures(counts, List.copyOf(top), dailyPlays.lastDays(DAYS));
  }

  private record StoreFigures(Counts counts, List<TopTrack> topTracks, List<DailyPlays.DayCount> playsPerDay) {}

  record Counts(long listeners, long tracks, long plays) {}

  record Serving(long modelVersion, String serving, int listenersInModel, int tracksInModel, int foldedListeners,
      String database) {}

  /** A most-played track of the serving snapshot; {@code listeners} is how many distinct listeners played it. */
  record TopTrack(String trackId, String title, String artist, long listeners) {}

  record Stats(Counts counts, Serving serving, List<TopTrack> topTracks, List<DailyPlays.DayCount> playsPerDay,
      List<ServerMetrics.RouteLatency> latency) {}
}
