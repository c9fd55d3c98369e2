package dev.encore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.data.Interactions;
import dev.encore.model.FactorModel;
import dev.encore.model.Recommendation;
import dev.encore.model.RecommendOptions;
import dev.encore.model.RecommendQuery;
import dev.encore.testing.RandomInteractions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class BatchScorerTest {
  private static final Interactions DATA = RandomInteractions.generate(120, 1_500, 0.02, 9, 3);
  private static final FactorModel MODEL = new AlsTrainer(AlsConfig.defaults().withFactors(6).withIterations(3)
      .withThreads(1)).fit(DATA);
  private static final FactorModel OTHER_MODEL = new AlsTrainer(AlsConfig.defaults().withFactors(6).withIterations(3)
      .withSeed(7).withThreads(1)).fit(DATA);

  @Test
  void concurrentQuestionsGetTheAnswersTheyWouldGetAloneFromTheirOwnModel() throws Exception {
    BatchScorer<RecommendQuery> batcher = new BatchScorer<>("test", 1, FactorModel::recommendBatch);
    ExecutorService clients = Executors.newFixedThreadPool(12);
    try {
      List<Future<Boolean>> checks = new ArrayList<>();
      for (int request = 0; request < 600; request++) {
        int user = request % DATA.users().size();
        FactorModel model = request % 5 == 0 ? OTHER_MODEL : MODEL;
        RecommendOptions options = request % 2 == 0 ? RecommendOptions.DEFAULT
            : RecommendOptions.keepPlayed().withExclude(Set.of("i3"));
        int n = 1 + request % 15;
        checks.add(clients.submit(() -> {
          String userId = DATA.users().idOf(user);
          List<Recommendation> alone = model.recommend(userId, n, options);
          return batcher.answer(model, model.query(userId, n, options)).equals(alone);
        }));
      }
      for (Future<Boolean> check : checks) {
        assertThat(check.get()).isTrue();
      }
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void aFailedBatchFailsItsQuestionsAndTheScorerGoesOn() {
    BatchScorer<String> scorer = new BatchScorer<>("test", 1, (model, itemIds) -> {
      if (itemIds.contains("no such track")) {
        throw new IllegalArgumentException("unknown track");
      }
      return model.similarItemsBatch(itemIds, 4);
    });
    assertThatThrownBy(() -> scorer.answer(MODEL, "no such track")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown track");
    String itemId = DATA.items().idOf(7);
    assertThat(scorer.answer(MODEL, itemId)).isEqualTo(MODEL.similarItems(itemId, 4));
  }
}
