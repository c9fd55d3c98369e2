package dev.encore.hybrid;

import dev.encore.content.TasteProfile;
import dev.encore.data.Csr;
import dev.encore.data.IdIndex;
import dev.encore.model.RecommendOptions;
import dev.encore.model.Recommendation;
import dev.encore.model.Recommender;
import dev.encore.model.TopK;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One recommender from three: ALS, content and popularity scores, each normalised over the
 * listener's candidate tracks ({@link ScoreNormalization}) and added with the {@link Blend}'s
 * weights. A listener the model has never seen but who has a few plays is folded into the ALS
 * model and profiled by content from those plays, then blended the same way
 * ({@link #recommend(Map, int, RecommendOptions)}): cold start for listeners. Thread-safe.
 */
public final class HybridRecommender implements Recommender {
  private final HybridSources sources;
  private final Blend blend;

  public HybridRecommender(HybridSources sources, Blend blend) {
    this.sources = Objects.requireNonNull(sources, "sources");
    this.blend = Objects.requireNonNull(blend, "blend");
  }

  public HybridSources sources() {
    return sources;
  }

  public Blend blend() {
    return blend;
  }

  @Override
  public IdIndex users() {
    return sources.als().users();
  }

  @Override
  public IdIndex items() {
    return sources.als().items();
  }

  @Override
  public Csr played() {
    return sources.als().played();
  }

  @Override
  public void scoreAll(int user, float[] scores) {
    Csr matrix = played();
    blend(scores, matrix.indices(), matrix.rowStart(user), matrix.rowEnd(user),
        part -> sources.als().scoreAll(user, part),
        part -> sources.content().scoreAll(user, part));
  }

  /**
   * Recommendations for a listener the model does not know, from a few plays (external item ID to
   * play count): ALS factors by fold-in, a content profile from the same plays, and popularity.
   */
  public List<Recommendation> recommend(Map<String, Float> plays, int n, RecommendOptions options) {
    return recommend(blend.als() > 0 ? sources.als().foldIn(plays) : null, plays, n, options);
  }

  /**
   * As {@link #recommend(Map, int, RecommendOptions)} for a listener already folded in:
   * {@code userVector} is {@code sources().als().foldIn(plays)}, computed once by the caller (a
   * server keeps it per listener), so it is not solved again per request.
   */
  public List<Recommendation> recommend(float[] userVector, Map<String, Float> plays, int n,
      RecommendOptions options) {
    if (blend.als() > 0 && userVector == null) {
      throw new IllegalArgumentException("the blend weighs ALS, so it needs the listener's folded-in factors");
    }
    float[] scores = new float[items().size()];
    int[] playedItems = sources.als().itemIndices(plays);
    int[] sortedPlayed = playedItems.clone();
    Arrays.sort(sortedPlayed);
    TasteProfile profile = blend.content() > 0 ? sources.content().profile(plays) : null;
    blend(scores, sortedPlayed, 0, sortedPlayed.length,
        part -> sources.als().scoreAll(userVector, 0, part),
        part -> sources.content().score(profile, part));
    return toRecommendations(TopK.select(scores, n, options.blockedItems(playedItems, items())));
  }

  /**
   * One listener's score parts: each source's raw score, normalised score and weighted share of
   * the blended score for {@code itemId}, to show why the hybrid ranks a track where it does.
   */
  public List<SourcePart> explain(String userId, String itemId) {
    int user = users().indexOf(userId);
    Csr matrix = played();
    return explain(items().indexOf(itemId), matrix.indices(), matrix.rowStart(user), matrix.rowEnd(user),
        raw -> sources.als().scoreAll(user, raw), raw -> sources.content().scoreAll(user, raw));
  }

  /**
   * As {@link #explain(String, String)} for a listener known by their plays (external item ID to
   * play count) and folded-in factors, as {@link #recommend(float[], Map, int, RecommendOptions)} ranks them.
   */
  public List<SourcePart> explain(float[] userVector, Map<String, Float> plays, String itemId) {
    int item = items().indexOf(itemId);
    int[] sortedPlayed = sources.als().itemIndices(plays);
    Arrays.sort(sortedPlayed);
    TasteProfile profile = sources.content().profile(plays);
    return explain(item, sortedPlayed, 0, sortedPlayed.length,
        raw -> sources.als().scoreAll(userVector, 0, raw), raw -> sources.content().score(profile, raw));
  }

  private List<SourcePart> explain(int item, int[] played, int from, int to, Consumer<float[]> alsScores,
      Consumer<float[]> contentScores) {
    List<SourcePart> parts = new ArrayList<>(3);
    float[] raw = new float[items().size()];
    alsScores.accept(raw);
    parts.add(part("als", blend.als(), raw, item, played, from, to));
    contentScores.accept(raw);
    parts.add(part("content", blend.content(), raw, item, played, from, to));
    popularityScores(raw);
    parts.add(part("popularity", blend.popularity(), raw, item, played, from, to));
    return List.copyOf(parts);
  }

  /** One source's view of one track: raw score, normalised score, and weight times normalised. */
  public record SourcePart(String source, double weight, float rawScore, float normalizedScore, double contribution) {}

  private SourcePart part(String source, double weight, float[] raw, int item, int[] played, int from, int to) {
    float rawScore = raw[item];
    blend.normalization().apply(raw, items().size(), played, from, to);
    return new SourcePart(source, weight, rawScore, raw[item], weight * raw[item]);
  }

  /**
   * Sums the weighted normalised sources into {@code scores}; a source of weight 0 is not scored
   * at all. {@code played[from..to)} are the listener's tracks, sorted, left out of the scale.
   */
  private void blend(float[] scores, int[] played, int from, int to, Consumer<float[]> alsScores,
      Consumer<float[]> contentScores) {
    int count = items().size();
    Arrays.fill(scores, 0, count, 0f);
    float[] part = new float[count];
    if (blend.als() > 0) {
      alsScores.accept(part);
      addNormalized(scores, part, blend.als(), played, from, to);
    }
    if (blend.content() > 0) {
      contentScores.accept(part);
      addNormalized(scores, part, blend.content(), played, from, to);
    }
    if (blend.popularity() > 0) {
      popularityScores(part);
      addNormalized(scores, part, blend.popularity(), played, from, to);
    }
  }

  private void addNormalized(float[] scores, float[] part, double weight, int[] played, int from, int to) {
    int count = items().size();
    blend.normalization().apply(part, count, played, from, to);
    for (int item = 0; item < count; item++) {
      scores[item] += (float) (weight * part[item]);
    }
  }

  private void popularityScores(float[] out) {
    for (int item = 0; item < items().size(); item++) {
      out[item] = sources.popularity().popularity(item);
    }
  }

  @Override
  public String toString() {
    return "HybridRecommender[" + blend + ", " + items().size() + " items]";
  }
}
