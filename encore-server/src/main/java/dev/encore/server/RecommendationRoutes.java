package dev.encore.server;

import dev.encore.data.IdIndex;
import dev.encore.model.FactorModel;
import dev.encore.model.RecommendOptions;
import dev.encore.model.Recommendation;
import dev.encore.model.SimilarUser;
import dev.encore.store.EncoreStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The model questions: recommendations, similar tracks, similar listeners, explanations. */
final class RecommendationRoutes {
  private final LiveModel live;
  private final EncoreStore store;
  private final StrategyRegistry<RecommendationStrategy> strategies;
  private final StrategyRegistry<SimilarTracksStrategy> similarTracks;
  private final Explanations explanations;

  RecommendationRoutes(LiveModel live, EncoreStore store, StrategyRegistry<RecommendationStrategy> strategies,
      StrategyRegistry<SimilarTracksStrategy> similarTracks) {
    this.live = live;
    this.store = store;
    this.strategies = strategies;
    this.similarTracks = similarTracks;
    this.explanations = new Explanations(store);
  }

  void register(Javalin app) {
    app.get("/v1/users/{id}/recommendations", this::recommend, Access.READ);
    app.get("/v1/users/{id}/recommendations/{trackId}/explanation", this::explain, Access.READ);
    app.get("/v1/users/{id}/similar", this::similarUsers, Access.READ);
    app.get("/v1/tracks/{id}/similar", this::similarTracks, Access.READ);
  }

  private void recommend(Context ctx) {
    String userId = ctx.pathParam("id");
    int n = QueryParameters.resultCount(ctx);
    String strategyName = QueryParameters.word(ctx, "strategy", AlsStrategy.NAME);
    RecommendationStrategy strategy = strategies.get(strategyName);
    boolean filterPlayed = QueryParameters.flag(ctx, "filterPlayed", true);
    Set<String> exclude = QueryParameters.list(ctx, "exclude");
    Set<String> genres = QueryParameters.list(ctx, "genre");
    Set<String> moods = QueryParameters.list(ctx, "mood");
    ServingView view = live.view();
    requireListener(view, userId);
    // A track the snapshot does not know cannot be recommended, so excluding it changes nothing.
    IdIndex tracks = view.snapshot().tracks();
    Set<String> excluded = exclude.stream().filter(tracks::contains).collect(Collectors.toSet());
    boolean exact = QueryParameters.flag(ctx, "exact", false);
    RecommendationQuery query = new RecommendationQuery(userId, n,
        new RecommendOptions(filterPlayed, null, excluded, exact), genres, moods);
    RecommendationResult result = strategy.recommend(view, query);
    if (query.picksStarterTags() && view.playedTracks(userId).length > 0) {
      result = result.withNote("Parameters 'genre' and 'mood' pick starter tracks for a listener with no plays;"
          + " listener '" + userId + "' has plays, so they were not used.");
    }
    TrackNames names = TrackNames.forRequest(ctx, store, TrackNames.ids(result.tracks()));
    ctx.json(new Recommendations(userId, strategy.name(), result.servedBy(), view.snapshot().modelVersion(),
        result.note(), names.scored(result.tracks())));
  }

  private void explain(Context ctx) {
    String strategy = QueryParameters.word(ctx, "strategy", AlsStrategy.NAME);
    int top = QueryParameters.resultCount(ctx);
    ctx.json(explanations.explain(ctx, live.view(), strategy, ctx.pathParam("id"), ctx.pathParam("trackId"), top));
  }

  private void similarUsers(Context ctx) {
    String userId = ctx.pathParam("id");
    int n = QueryParameters.resultCount(ctx);
    ServingView view = live.view();
    FactorModel model = ModelGuards.requireModel(view.snapshot());
    if (!model.users().contains(userId)) {
      throw ModelGuards.notInModelOrUnknown(store, userId, view);
    }
    List<SimilarUser> similar = model.similarUsers(userId, n);
    ctx.json(new SimilarListeners(userId, view.snapshot().modelVersion(),
        similar.stream().map(user -> new ScoredListener(user.userId(), user.score())).toList()));
  }

  private void similarTracks(Context ctx) {
    String trackId = ctx.pathParam("id");
    int n = QueryParameters.resultCount(ctx);
    SimilarTracksStrategy strategy = similarTracks.get(QueryParameters.word(ctx, "by", CollaborativeSimilarTracks.NAME));
    ServingView view = live.view();
    if (!view.snapshot().tracks().contains(trackId) && store.tracks().find(trackId).isEmpty()) {
      throw ApiException.unknownTrack(trackId);
    }
    boolean exact = QueryParameters.flag(ctx, "exact", false);
    List<Recommendation> similar = exact && strategy instanceof CollaborativeSimilarTracks
        ? CollaborativeSimilarTracks.exact(view, trackId, n)
        : strategy.similar(view, trackId, n);
    TrackNames names = TrackNames.forRequest(ctx, store, TrackNames.ids(similar));
    ctx.json(new SimilarTracks(trackId, strategy.name(), view.snapshot().modelVersion(), names.scored(similar)));
  }

  /** A 404 unless the store knows the listener, in which case the model simply lacks them. */
  private void requireListener(ServingView view, String userId) {
    if (!view.knowsListener(userId) && store.listeners().find(userId).isEmpty()) {
      throw ApiException.unknownListener(userId);
    }
  }

  /** A track of an answer; its title, artist and tags only with {@code include=names}. */
  record ScoredTrack(String trackId, float score, String title, String artist, List<String> genres,
      List<String> moods) {}

  record ScoredListener(String userId, float score) {}

  record Recommendations(String userId, String strategy, String servedBy, long modelVersion, String note,
      List<ScoredTrack> recommendations) {}

  record SimilarTracks(String trackId, String by, long modelVersion, List<ScoredTrack> similar) {}

  record SimilarListeners(String userId, long modelVersion, List<ScoredListener> similar) {}

}
