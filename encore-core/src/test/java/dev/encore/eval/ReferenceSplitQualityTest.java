package dev.encore.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.als.Solver;
import dev.encore.data.Confidence;
import dev.encore.data.IdIndex;
import dev.encore.data.InteractionsBuilder;
import dev.encore.io.DelimitedFormat;
import dev.encore.io.DelimitedReader;
import dev.encore.model.FactorModel;
import dev.encore.popular.PopularityRecommender;
import dev.encore.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The ready splits in ../shared/data/splits with the settings the issue fixes (64 factors,
 * lambda 0.05, 15 CG iterations): ALS must reach the reference implementation's quality and beat
 * popularity clearly. Thresholds are the issue's, not tuned to these runs.
 */
class ReferenceSplitQualityTest {
  private static final AlsConfig SETTINGS = AlsConfig.defaults().withFactors(64).withRegularization(0.05f)
      .withIterations(15).withSolver(Solver.CG).withThreads(2);

  private static Split readSplit(String name) throws IOException {
    Path folder = SharedData.require("splits/" + name);
    IdIndex.Builder users = new IdIndex.Builder("user");
    IdIndex.Builder items = new IdIndex.Builder("item");
    InteractionsBuilder train = new InteractionsBuilder(users, items);
    InteractionsBuilder test = new InteractionsBuilder(users, items);
    DelimitedReader reader = new DelimitedReader(DelimitedFormat.userItemValueTsv());
    reader.read(folder.resolve("train.tsv"), train);
    reader.read(folder.resolve("test.tsv"), test);
    return new Split(train.build(), test.build());
  }

  @Test
  void movieLensMeetsTheReferencePrecisionAndNdcg() throws IOException {
    Split split = readSplit("ml-100k");
    assertThat(split.train().nnz()).isEqualTo(44_387);
    FactorModel model = new AlsTrainer(SETTINGS.withConfidence(Confidence.linear(1f))).fit(split.train());
    MetricReport als = RankingEvaluator.evaluate(model, split.train(), split.test(), 10, 2);
    MetricReport popularity = RankingEvaluator.evaluate(new PopularityRecommender(split.train()), split.train(),
        split.test(), 10, 2);
    assertThat(als.precision()).isGreaterThanOrEqualTo(0.23);
    assertThat(als.ndcg()).isGreaterThanOrEqualTo(0.22);
    assertThat(popularity.precision()).isBetween(0.14, 0.18);
    assertThat(als.ndcg()).isGreaterThan(popularity.ndcg() * 1.3);
  }

  @Test
  void lastFmWithLogConfidenceMeetsTheReferencePrecision() throws IOException {
    Split split = readSplit("lastfm-2k");
    assertThat(split.train().nnz()).isEqualTo(74_385);
    FactorModel model = new AlsTrainer(SETTINGS.withConfidence(Confidence.log(1f, 1f))).fit(split.train());
    MetricReport als = RankingEvaluator.evaluate(model, split.train(), split.test(), 10, 2);
    MetricReport popularity = RankingEvaluator.evaluate(new PopularityRecommender(split.train()), split.train(),
        split.test(), 10, 2);
    assertThat(als.precision()).isGreaterThanOrEqualTo(0.20);
    assertThat(als.precision()).isGreaterThan(popularity.precision());
  }
}
