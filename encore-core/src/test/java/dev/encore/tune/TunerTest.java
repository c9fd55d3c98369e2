package dev.encore.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.als.AlsConfig;
import dev.encore.data.Confidence;
import dev.encore.eval.RandomSplitter;
import dev.encore.eval.Split;
import dev.encore.testing.PlantedInteractions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TunerTest {
  private static final Split SPLIT = new RandomSplitter(0.2, 3)
      .split(PlantedInteractions.generate(120, 60, 3, 0.4, 0.02, 9));

  @Test
  void gridVisitsEveryCombinationAndPicksTheBestByTheMetric() {
    ParameterSpace space = new ParameterSpace(List.of(1, 6), List.of(0.1f), List.of(1f, 5f),
        List.of(Confidence.Function.LINEAR), List.of(0, 8));
    AlsConfig base = AlsConfig.defaults().withThreads(2);
    List<AlsConfig> grid = space.grid(base);
    assertThat(grid).hasSize(8).doesNotHaveDuplicates();
    List<Tuner.Trial<AlsConfig>> seen = new ArrayList<>();
    Tuner.Result<AlsConfig> result = new Tuner("ndcg@10", 10, 2).search(grid, SPLIT, seen::add);
    assertThat(seen).hasSize(8);
    double bestSeen = seen.stream().mapToDouble(Tuner.Trial::objective).max().orElseThrow();
    assertThat(result.best().objective()).isEqualTo(bestSeen);
    assertThat(result.best().objective()).isEqualTo(result.best().metrics().get("ndcg@10"));
    // Untrained (0 iterations) random factors cannot be the best on planted taste groups.
    assertThat(result.best().config().iterations()).isEqualTo(8);
  }

  @Test
  void randomSearchDrawsDistinctCombinationsDeterministically() {
    ParameterSpace space = new ParameterSpace(List.of(2, 4, 8), List.of(0.01f, 0.1f), List.of(1f),
        List.of(Confidence.Function.LINEAR, Confidence.Function.LOG), List.of(5));
    AlsConfig base = AlsConfig.defaults();
    List<AlsConfig> first = space.sample(base, 5, 42);
    assertThat(first).hasSize(5).doesNotHaveDuplicates().isSubsetOf(space.grid(base));
    assertThat(space.sample(base, 5, 42)).isEqualTo(first);
    assertThat(space.sample(base, 100, 1)).hasSize(12);
  }

  @Test
  void unknownMetricIsRejectedWithTheChoices() {
    assertThatThrownBy(() -> new Tuner("accuracy", 10, 1))
        .hasMessageContaining("'accuracy'").hasMessageContaining("ndcg@10");
  }
}
