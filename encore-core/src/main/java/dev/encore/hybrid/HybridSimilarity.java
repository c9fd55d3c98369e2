package dev.encore.hybrid;

import dev.encore.content.ContentSimilarity;
import dev.encore.data.IdIndex;
import dev.encore.model.FactorModel;
import dev.encore.model.Recommendation;
import dev.encore.model.ScoredItem;
import dev.encore.model.TopK;
import dev.encore.popular.PopularityRecommender;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * Similar tracks by both signals: the cosine of ALS item factors (who listens to both), the
 * content similarity (how alike they sound and which tags they share) and optionally popularity,
 * each normalised over the candidate tracks ({@link ScoreNormalization}) and added with the
 * {@link Blend}'s weights (its ALS weight is the collaborative one). A track the content table does
 * not describe gets the neutral content score, and a new track with features but no plays takes
 * part through factors predicted by {@link NewTracks}.
 */
public final class HybridSimilarity {
  /**
   * Co-listening and sound count alike and popularity not at all: a similar-track list answers
   * "what is like this track", and a popularity term would put the same hits on every list.
   */
  public static final Blend DEFAULT = new Blend(1, 1, 0, ScoreNormalization.Z_SCORE);

  private final FactorModel model;
  private final ContentSimilarity content;
  private final PopularityRecommender popularity;
  private final Blend blend;
  /** For each model item, its row in the content table, or -1. */
  private final int[] contentRow;

  public HybridSimilarity(FactorModel model, ContentSimilarity content, PopularityRecommender popularity, Blend blend) {
    this.model = Objects.requireNonNull(model, "model");
    this.content = Objects.requireNonNull(content, "content");
    this.popularity = Objects.requireNonNull(popularity, "popularity");
    this.blend = Objects.requireNonNull(blend, "blend");
    if (!popularity.items().equals(model.items())) {
      throw new IllegalArgumentException("the popularity counts and the model index different tracks");
    }
    IdIndex tracks = content.table().tracks();
    contentRow = new int[model.items().size()];
    for (int item = 0; item < contentRow.length; item++) {
      contentRow[item] = tracks.find(model.items().idOf(item));
    }
  }

  /** The {@code n} tracks most like {@code trackId} under the blend, best first, never the track itself. */
  public List<Recommendation> similar(String trackId, int n) {
    int query = model.items().indexOf(trackId);
    int count = model.items().size();
    int[] self = {query};
    float[] total = new float[count];
    float[] part = new float[count];
    if (blend.als() > 0) {
      model.itemCosines(trackId, part);
      part[query] = Float.NaN;
      add(total, part, blend.als(), self);
    }
    if (blend.content() > 0) {
      int queryRow = contentRow[query];
      float[] byRow = queryRow < 0 ? null : content.scores(trackId);
      for (int item = 0; item < count; item++) {
        part[item] = byRow == null || contentRow[item] < 0 ? Float.NaN : byRow[contentRow[item]];
      }
      add(total, part, blend.content(), self);
    }
    if (blend.popularity() > 0) {
      for (int item = 0; item < count; item++) {
        part[item] = popularity.popularity(item);
      }
      add(total, part, blend.popularity(), self);
    }
    BitSet blocked = new BitSet(count);
    blocked.set(query);
    List<ScoredItem> top = TopK.select(total, n, blocked);
    List<Recommendation> result = new ArrayList<>(top.size());
    for (ScoredItem item : top) {
      result.add(new Recommendation(model.items().idOf(item.index()), item.score()));
    }
    return result;
  }

  private void add(float[] total, float[] part, double weight, int[] self) {
    blend.normalization().apply(part, part.length, self, 0, 1);
    for (int item = 0; item < total.length; item++) {
      total[item] += (float) (weight * part[item]);
    }
  }
}
