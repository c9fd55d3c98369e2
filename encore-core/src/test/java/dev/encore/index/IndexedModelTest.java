package dev.encore.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.data.Interactions;
import dev.encore.data.InteractionsBuilder;
import dev.encore.model.FactorModel;
import dev.encore.model.RecommendOptions;
import dev.encore.model.Recommendation;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A model answering through its index: when it does, what it returns, and when it scores exactly instead. */
class IndexedModelTest {
  private static final FactorModel MODEL = trained();
  /** Probes every list: its answers must be the exact ones. */
  private static final ItemIndex FULL = ItemIndexBuilder.build(MODEL.itemFactors(), MODEL.items().size(),
      MODEL.factors(), MODEL.userFactors(), MODEL.users().size(), IndexSettings.defaults(2).withTargetRecall(1.0));
  private static final IndexPolicy ALWAYS = new IndexPolicy(0, 0.5);

  private static FactorModel trained() {
    Random random = new Random(9);
    InteractionsBuilder builder = new InteractionsBuilder();
    for (int user = 0; user < 300; user++) {
      for (int play = 0; play < 12; play++) {
        builder.add("u" + user, "t" + (int) Math.abs(random.nextGaussian() * 400) % 1_500, 1 + random.nextInt(5));
      }
    }
    Interactions data = builder.build();
    return new AlsTrainer(AlsConfig.defaults().withFactors(16).withIterations(5).withThreads(2)).fit(data);
  }

  @Test
  void anIndexProbingEveryListAnswersAsExactScoringDoesWithFilters() {
    FactorModel indexed = MODEL.withIndex(FULL, ALWAYS);
    assertThat(indexed.exactBecause()).isNull();
    RecommendOptions options = RecommendOptions.DEFAULT.withExclude(Set.of(MODEL.items().idOf(3)));
    for (int user = 0; user < 40; user++) {
      assertThat(indexed.recommend(user, 10, options)).as("user %d", user).isEqualTo(MODEL.recommend(user, 10, options));
    }
    for (int item = 0; item < 40; item++) {
      String id = MODEL.items().idOf(item);
      assertThat(ids(indexed.similarItems(id, 10))).as("track %s", id).isEqualTo(ids(MODEL.similarItems(id, 10)));
    }
  }

  @Test
  void tracksAddedAfterTheIndexAreFoundAndDeletingATrackDropsTheIndex() {
    float[] strong = new float[MODEL.factors()];
    System.arraycopy(MODEL.userFactors(), 0, strong, 0, MODEL.factors());
    for (int a = 0; a < strong.length; a++) {
      strong[a] *= 1_000;
    }
    FactorModel grown = MODEL.withIndex(FULL, ALWAYS).withItems(List.of("new-track"), strong);
    assertThat(grown.index()).isPresent();
    assertThat(grown.recommend(0, 1, RecommendOptions.DEFAULT).get(0).index()).isEqualTo(MODEL.items().size());
    assertThat(grown.similarItems(MODEL.items().idOf(0), 5)).extracting(Recommendation::itemId)
        .isEqualTo(ids(grown.similarItems(MODEL.items().idOf(0), 5, true)));

    FactorModel shrunk = MODEL.withIndex(FULL, ALWAYS).withoutItem(MODEL.items().idOf(7));
    assertThat(shrunk.index()).isEmpty();
    assertThat(shrunk.exactBecause()).isNotNull();
  }

  @Test
  void anIndexBelowTheRequiredRecallOrUnderTheSizeIsNotUsedAndTheModelSaysWhy() {
    IndexQuality full = FULL.quality();
    ItemIndex weak = FULL.withQuality(new IndexQuality(full.lists(), 1, 1, 0.80, 0.99, full.sampleQueries(),
        full.buildSeconds(), full.memoryBytes(), full.factorBytes()));
    FactorModel model = MODEL.withIndex(weak, new IndexPolicy(0, 0.95));
    assertThat(model.exactBecause()).contains("0.8000").contains("below the required 0.9500");
    assertThat(model.recommend(5, 10, RecommendOptions.DEFAULT)).isEqualTo(MODEL.recommend(5, 10, RecommendOptions.DEFAULT));
    assertThat(MODEL.withIndex(FULL, new IndexPolicy(1_000_000, 0.5)).exactBecause()).contains("below the 1,000,000 from which");
  }

  @Test
  void filtersThatEmptyTheProbedListsFallBackToExactScoring() {
    ItemIndex oneList = FULL.withQuality(new IndexQuality(FULL.quality().lists(), 1, 1, 0.99, 0.99, 1, 0, 0, 0));
    FactorModel indexed = MODEL.withIndex(oneList, ALWAYS);
    int everything = MODEL.items().size();
    assertThat(indexed.recommend(2, everything, RecommendOptions.keepPlayed()))
        .isEqualTo(MODEL.recommend(2, everything, RecommendOptions.keepPlayed()));
    assertThat(indexed.recommend(2, 10, RecommendOptions.DEFAULT.withExact(true)))
        .isEqualTo(MODEL.recommend(2, 10, RecommendOptions.DEFAULT));
  }

  private static List<String> ids(List<Recommendation> recommendations) {
    return recommendations.stream().map(Recommendation::itemId).toList();
  }
}
