package dev.encore.server;

import dev.encore.content.ContentRecommender;
import dev.encore.content.TasteExplanation;
import dev.encore.content.TasteProfile;
import dev.encore.hybrid.HybridRecommender;
import dev.encore.model.Explanation;
import dev.encore.model.FactorModel;
import dev.encore.store.EncoreStore;
import dev.encore.store.Track;
import io.javalin.http.Context;
import java.util.List;

/**
 * Why a strategy ranks a track for a listener, in the terms that strategy scores by: ALS as the
 * sum over the listener's played tracks (Hu, Koren and Volinsky, section 5); content as the
 * features that sit in the listener's usual range and the share of their plays carrying the
 * track's tags; the hybrid as its three weighted sources, which add up to its score, with the
 * ALS and content explanations of the same track beside them.
 */
final class Explanations {
  static final List<String> STRATEGIES = List.of(AlsStrategy.NAME, ContentStrategy.NAME, HybridStrategy.NAME);

  private final EncoreStore store;

  Explanations(EncoreStore store) {
    this.store = store;
  }

  Object explain(Context ctx, ServingView view, String strategy, String userId, String trackId, int top) {
    return switch (strategy) {
      case AlsStrategy.NAME -> als(ctx, view, userId, trackId, top);
      case ContentStrategy.NAME -> content(view, userId, trackId, top);
      case HybridStrategy.NAME -> hybrid(ctx, view, userId, trackId, top);
      default -> throw ApiException.invalidParameter("strategy", strategy,
          "explanations are given for " + String.join(", ", STRATEGIES));
    };
  }

  private AlsWhy als(Context ctx, ServingView view, String userId, String trackId, int top) {
    FactorModel model = ModelGuards.requireModel(view.snapshot());
    requireTrackInModel(view, model, trackId);
    FoldedListener folded = view.folded(userId);
    Explanation explanation;
    if (folded != null && folded.hasVector()) {
      explanation = model.explain(userId, folded.knownPlays(), trackId, top);
    } else if (folded == null && model.users().contains(userId)) {
      explanation = model.explain(userId, trackId, top);
    } else {
      throw ModelGuards.notInModelOrUnknown(store, userId, view);
    }
    List<String> parts = explanation.contributions().stream().map(Explanation.Contribution::itemId).toList();
    TrackNames names = TrackNames.forRequest(ctx, store, parts);
    List<Contribution> contributions = explanation.contributions().stream()
        .map(part -> contribution(part, names.of(part.itemId()))).toList();
    return new AlsWhy(userId, trackId, AlsStrategy.NAME, view.snapshot().modelVersion(), explanation.score(),
        explanation.modelScore(), explanation.playedCount(), contributions, explanation.restOfScore(),
        explanation.note());
  }

  private ContentWhy content(ServingView view, String userId, String trackId, int top) {
    ContentRecommender content = view.snapshot().content().recommender("an explanation by '" + ContentStrategy.NAME + "'");
    int track = content.items().find(trackId);
    if (track < 0) {
      throw unknownOrNotInModel("track", trackId, view);
    }
    if (!content.features().isDescribed(track)) {
      throw ApiException.notFound("no_features", "Track '" + trackId + "' has no audio features, so content"
          + " cannot explain it; add them with POST /v1/tracks.");
    }
    TasteProfile profile = ContentStrategy.profile(view, content, userId);
    if (profile == null || profile.isEmpty()) {
      if (profile == null && !view.knowsListener(userId) && store.listeners().find(userId).isEmpty()) {
        throw ApiException.unknownListener(userId);
      }
      throw ApiException.notFound("no_profile", "Listener '" + userId + "' has played no track with features,"
          + " so they have no taste profile to explain by.");
    }
    TasteExplanation why = content.explain(profile, trackId, top);
    return new ContentWhy(userId, trackId, ContentStrategy.NAME, view.snapshot().modelVersion(), why.score(),
        why.summary(), why.features(), why.tags());
  }

  private HybridWhy hybrid(Context ctx, ServingView view, String userId, String trackId, int top) {
    HybridRecommender hybrid = view.snapshot().content().hybrid("an explanation by '" + HybridStrategy.NAME + "'");
    FactorModel model = ModelGuards.requireModel(view.snapshot());
    requireTrackInModel(view, model, trackId);
    ModelListener listener = ModelListener.place(view, userId);
    if (listener == null) {
      throw ModelGuards.notInModelOrUnknown(store, userId, view);
    }
    List<HybridRecommender.SourcePart> parts = listener.isFolded()
        ? hybrid.explain(listener.folded().vector(), listener.folded().knownPlays(), trackId)
        : hybrid.explain(userId, trackId);
    double score = parts.stream().mapToDouble(HybridRecommender.SourcePart::contribution).sum();
    List<SourcePart> sources = parts.stream().map(part -> new SourcePart(part.source(), part.weight(),
        part.rawScore(), part.normalizedScore(), part.contribution())).toList();
    ContentWhy content = contentOrNull(view, userId, trackId, top);
    return new HybridWhy(userId, trackId, HybridStrategy.NAME, view.snapshot().modelVersion(), score, sources,
        als(ctx, view, userId, trackId, top), content);
  }

  /** The content side of a hybrid answer; left out for a track without features or a listener without a profile. */
  private ContentWhy contentOrNull(ServingView view, String userId, String trackId, int top) {
    try {
      return content(view, userId, trackId, top);
    } catch (ApiException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
  }

  private void requireTrackInModel(ServingView view, FactorModel model, String trackId) {
    if (!model.items().contains(trackId)) {
      throw unknownOrNotInModel("track", trackId, view);
    }
  }

  private ApiException unknownOrNotInModel(String kind, String trackId, ServingView view) {
    return store.tracks().find(trackId).isPresent() ? ModelGuards.notInModel(kind, trackId, view.snapshot())
        : ApiException.unknownTrack(trackId);
  }

  private static Contribution contribution(Explanation.Contribution part, Track named) {
    return new Contribution(part.itemId(), part.contribution(), part.share(), named == null ? null : named.title(),
        named == null ? null : named.artist());
  }

  record Contribution(String trackId, double contribution, double share, String title, String artist) {}

  /** ALS: {@code score} is the sum of the contributions and {@code restOfScore}. */
  record AlsWhy(String userId, String trackId, String strategy, long modelVersion, double score, double modelScore,
      int playedCount, List<Contribution> contributions, double restOfScore, String note) {}

  record ContentWhy(String userId, String trackId, String strategy, long modelVersion, double score, String summary,
      List<TasteExplanation.FeatureFit> features, List<TasteExplanation.TagShare> tags) {}

  record SourcePart(String source, double weight, double rawScore, double normalizedScore, double contribution) {}

  /** The hybrid: {@code score} is the sum of the parts' contributions; {@code content} is absent without features. */
  record HybridWhy(String userId, String trackId, String strategy, long modelVersion, double score,
      List<SourcePart> parts, AlsWhy als, ContentWhy content) {}
}
