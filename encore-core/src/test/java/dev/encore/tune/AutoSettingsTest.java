package dev.encore.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.als.AlsConfig;
import dev.encore.data.Confidence;
import dev.encore.data.Interactions;
import dev.encore.data.InteractionsBuilder;
import dev.encore.eval.RandomSplitter;
import dev.encore.eval.RankingEvaluator;
import dev.encore.eval.Split;
import dev.encore.als.AlsTrainer;
import dev.encore.testing.PlantedInteractions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AutoSettingsTest {
  private static final Interactions PLANTED = PlantedInteractions.generate(150, 80, 4, 0.35, 0.02, 4);
  private static final AlsConfig BASE = AlsConfig.defaults().withFactors(8).withIterations(6).withThreads(2);

  @Test
  void choosesTheBestScoredCandidateAndReportsEveryOne() {
    List<AutoSettings.Candidate> heard = new ArrayList<>();
    AutoSettings.Result result = new AutoSettings(Duration.ofMinutes(5), 10, 2, 12)
        .choose(PLANTED, BASE, new AutoSettings.Listener() {
          @Override
          public void candidateFinished(AutoSettings.Candidate candidate, int done) {
            heard.add(candidate);
          }
        });
    assertThat(result.candidates()).hasSizeLessThanOrEqualTo(12).isEqualTo(heard);
    assertThat(result.candidates().get(0).reason()).isEqualTo("first guess");
    double bestScore = result.candidates().stream().mapToDouble(AutoSettings.Candidate::score).max().orElseThrow();
    // The chosen one is the best up to the margin within which more factors win.
    assertThat(result.score()).isGreaterThanOrEqualTo(bestScore * (1 - AutoSettings.MORE_FACTORS_TOLERANCE) - 1e-12);
    assertThat(result.score()).isGreaterThanOrEqualTo(result.candidates().get(0).score());
    assertThat(result.candidates()).anySatisfy(c -> assertThat(c.config()).isEqualTo(result.chosen()));
    // Kept from the base: what the search does not choose.
    assertThat(result.chosen().iterations()).isEqualTo(BASE.iterations());
    assertThat(result.chosen().seed()).isEqualTo(BASE.seed());
    assertThat(result.candidates().stream().map(AutoSettings.Candidate::config).distinct()).hasSameSizeAs(
        result.candidates());
    assertThat(result.describe()).containsKeys("metric", "validationScore", "guesses", "chosen", "candidates");
  }

  @Test
  void theScoreIsPrecisionOnAValidationSplitCutFromThePlaysGiven() {
    AutoSettings.Result result = new AutoSettings(Duration.ofMinutes(5), 10, 2, 3).choose(PLANTED, BASE,
        AutoSettings.Listener.NONE);
    AutoSettings.Candidate first = result.candidates().get(0);
    Split validation = new RandomSplitter(AutoSettings.VALIDATION_FRACTION, AutoSettings.VALIDATION_SEED)
        .split(PLANTED);
    double expected = RankingEvaluator.evaluate(new AlsTrainer(first.config()).fit(validation.train()),
        validation.train(), validation.test(), 10, 2).precision();
    assertThat(first.score()).isEqualTo(expected);
    assertThat(result.metric()).isEqualTo("precision@10");
  }

  @Test
  void aCandidateCapMakesTheChoiceRepeatable() {
    AutoSettings search = new AutoSettings(Duration.ofMinutes(5), 10, 2, 6);
    AutoSettings.Result first = search.choose(PLANTED, BASE, AutoSettings.Listener.NONE);
    AutoSettings.Result second = search.choose(PLANTED, BASE, AutoSettings.Listener.NONE);
    assertThat(second.chosen()).isEqualTo(first.chosen());
    assertThat(second.candidates()).extracting(AutoSettings.Candidate::score)
        .isEqualTo(first.candidates().stream().map(AutoSettings.Candidate::score).toList());
  }

  @Test
  void aTinyBudgetStillScoresTheFirstGuess() {
    AutoSettings.Result result = new AutoSettings(Duration.ofNanos(1), 10, 2).choose(PLANTED, BASE,
        AutoSettings.Listener.NONE);
    assertThat(result.candidates()).hasSize(1);
    assertThat(result.chosen()).isEqualTo(result.candidates().get(0).config());
  }

  @Test
  void guessesReadTheShapeOfThePlayCounts() {
    Interactions binary = withCounts(PLANTED, Counts.ONES);
    assertThat(PlayStatistics.of(binary).allEqual()).isTrue();
    AutoSettings.Result onBinary = new AutoSettings(Duration.ofMinutes(1), 10, 2, 1).choose(binary, BASE,
        AutoSettings.Listener.NONE);
    assertThat(onBinary.chosen().confidence().function()).isEqualTo(Confidence.Function.BINARY);

    Interactions heavy = withCounts(PLANTED, Counts.HEAVY);
    PlayStatistics heavyStats = PlayStatistics.of(heavy);
    assertThat(heavyStats.heavyTailed()).as("p99 / median = %s", heavyStats.tailRatio()).isTrue();
    assertThat(new AutoSettings(Duration.ofMinutes(1), 10, 2, 1).choose(heavy, BASE, AutoSettings.Listener.NONE)
        .chosen().confidence().function()).isEqualTo(Confidence.Function.LOG);

    Interactions light = withCounts(PLANTED, Counts.LIGHT);
    assertThat(PlayStatistics.of(light).heavyTailed()).isFalse();
    AutoSettings.Result onLight = new AutoSettings(Duration.ofMinutes(1), 10, 2, 1).choose(light, BASE,
        AutoSettings.Listener.NONE);
    assertThat(onLight.chosen().confidence().function()).isEqualTo(Confidence.Function.LINEAR);
    assertThat(onLight.guesses()).anySatisfy(guess -> assertThat(guess).contains("not heavy-tailed"));
  }

  private enum Counts { ONES, LIGHT, HEAVY }

  /** The same pairs with counts all 1, uniform in 1..5, or Pareto-like up to 10^5. */
  private static Interactions withCounts(Interactions plays, Counts counts) {
    InteractionsBuilder builder = new InteractionsBuilder();
    Random random = new Random(3);
    var rows = plays.userItems();
    for (int u = 0; u < rows.rows(); u++) {
      for (int p = rows.rowStart(u); p < rows.rowEnd(u); p++) {
        double count = switch (counts) {
          case ONES -> 1;
          case LIGHT -> 1 + random.nextInt(5);
          case HEAVY -> Math.floor(Math.pow(1 - random.nextDouble(), -1.5));
        };
        builder.add(plays.users().idOf(u), plays.items().idOf(rows.indices()[p]), (float) Math.min(count, 1e5));
      }
    }
    return builder.build();
  }

  @Test
  void settingsSearchedStayWithinTheirRanges() {
    SearchPoint point = new SearchPoint(Confidence.Function.BINARY, 1f, 1f, 10, 1f, 0f, 16);
    assertThat(point.move(SearchPoint.Dimension.FACTORS, -1, false)).as("below the smallest factor count").isNull();
    assertThat(point.move(SearchPoint.Dimension.ALPHA0, 1, false)).as("alpha0 above 1").isNull();
    assertThat(point.move(SearchPoint.Dimension.NU, -1, false)).as("nu below 0").isNull();
    assertThat(point.move(SearchPoint.Dimension.EPSILON, 1, false)).as("epsilon without log").isNull();
    SearchPoint rendle = point.withObjective(0.1f, 1f);
    PlayStatistics data = PlayStatistics.of(PLANTED);
    AlsConfig applied = rendle.apply(BASE, data);
    // lambda (n + alpha0 N)^nu equals the effective lambda for a listener with the mean number of plays.
    double typical = data.meanUserEntries() + 0.1 * data.items();
    assertThat(applied.regularization() * typical).isCloseTo(10, org.assertj.core.api.Assertions.within(1e-4));
    assertThatThrownBy(() -> new AutoSettings(Duration.ZERO, 10, 2)).hasMessageContaining("budget");
  }
}
