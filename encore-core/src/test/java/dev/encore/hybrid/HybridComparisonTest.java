package dev.encore.hybrid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.als.AlsConfig;
import dev.encore.als.TrainingListener;
import dev.encore.content.FeatureScaler;
import dev.encore.content.FeatureTable;
import dev.encore.data.InteractionsBuilder;
import dev.encore.eval.MetricReport;
import dev.encore.eval.Split;
import dev.encore.eval.UserRatioSplitter;
import dev.encore.synth.InteractionsSink;
import dev.encore.synth.PlayGenerator;
import dev.encore.synth.SynthConfig;
import dev.encore.tune.Tuner;
import java.util.List;
import org.junit.jupiter.api.Test;

class HybridComparisonTest {

  @Test
  void theTunedHybridBeatsEachOfItsPartsOnHeldOutPlays() {
    PlayGenerator generator = new PlayGenerator(SynthConfig.small());
    InteractionsBuilder plays = new InteractionsBuilder();
    generator.generate(new InteractionsSink(plays, generator));
    Split split = new UserRatioSplitter(0.2, 1).split(plays.build());
    FeatureTable raw = generator.catalogue().featureTable();
    List<Blend> candidates = List.of(new Blend(1, 0, 0, ScoreNormalization.Z_SCORE),
        new Blend(0.5, 1, 0.5, ScoreNormalization.Z_SCORE), new Blend(1, 0.5, 0.25, ScoreNormalization.RANK),
        new Blend(0, 1, 0.25, ScoreNormalization.Z_SCORE));

    HybridComparison.Result result = HybridComparison.run(split, raw.scaledBy(FeatureScaler.learn(raw)),
        AlsConfig.defaults().withThreads(2), candidates, new UserRatioSplitter(0.2, 2), "ndcg@10", 10,
        TrainingListener.NONE);

    Tuner.Result<Blend> tuning = result.tuning().trials();
    assertThat(tuning.trials()).extracting(Tuner.Trial::config).containsExactlyElementsOf(candidates);
    assertThat(result.blend()).isEqualTo(tuning.best().config());
    double alsAloneCoverage = tuning.trials().get(0).metrics().get("coverage@10");
    assertThat(result.tuning().coverageFloor()).isEqualTo(alsAloneCoverage);
    assertThat(tuning.best().objective()).isEqualTo(tuning.trials().stream()
        .filter(trial -> trial.metrics().get("coverage@10") >= alsAloneCoverage)
        .mapToDouble(Tuner.Trial::objective).max().orElseThrow());
    assertThat(result.reports()).containsOnlyKeys("als", "content", "popularity", "hybrid");
    MetricReport hybrid = result.reports().get("hybrid");
    for (String part : List.of("als", "content", "popularity")) {
      MetricReport single = result.reports().get(part);
      assertThat(hybrid.ndcg()).as("ndcg@10 of hybrid vs %s", part).isGreaterThan(single.ndcg() + 0.02);
      assertThat(hybrid.precision()).as("precision@10 of hybrid vs %s", part).isGreaterThan(single.precision() + 0.02);
    }
    assertThat(hybrid.coverage()).as("coverage@10 of hybrid vs ALS").isGreaterThanOrEqualTo(
        result.reports().get("als").coverage());
  }

  @Test
  void aSingleBlendIsUsedAsGivenWithoutTuning() {
    PlayGenerator generator = new PlayGenerator(SynthConfig.tiny());
    InteractionsBuilder plays = new InteractionsBuilder();
    generator.generate(new InteractionsSink(plays, generator));
    Split split = new UserRatioSplitter(0.2, 1).split(plays.build());
    FeatureTable raw = generator.catalogue().featureTable();
    Blend only = new Blend(1, 1, 0, ScoreNormalization.RANK);
    HybridComparison.Result result = HybridComparison.run(split, raw.scaledBy(FeatureScaler.learn(raw)),
        AlsConfig.defaults().withFactors(8).withThreads(2), List.of(only), new UserRatioSplitter(0.2, 2), "ndcg@10",
        10, TrainingListener.NONE);
    assertThat(result.tuning()).isNull();
    assertThat(result.blend()).isEqualTo(only);
  }
}
