package dev.encore.tune;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.data.Confidence;
import dev.encore.data.Interactions;
import dev.encore.eval.RandomSplitter;
import dev.encore.eval.RankingEvaluator;
import dev.encore.eval.Split;
import dev.encore.model.FactorModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Chooses ALS settings without hand tuning: the confidence function, alpha, lambda, alpha0, nu
 * and the factor count, scored by precision@k on a validation split cut from the plays given
 * (which must already exclude any test set, so the test stays unseen), within a time budget.
 *
 * <p>The search starts from guesses read off the data (a log confidence when counts are
 * heavy-tailed, binary when every count is the same; lambda a few times the mean confidence),
 * tries the other plausible confidence functions once, then moves one setting at a time, first
 * in coarse steps and then in fine ones, keeping a move while it improves the validation score
 * (coordinate ascent). Candidates are visited in a fixed order, so the same budget on the same
 * machine, or the same {@code maxCandidates}, chooses the same settings; a slower machine may
 * stop earlier.
 */
public final class AutoSettings {
  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(60);
  /** Share of the plays held out for validation, and the split's seed. */
  static final double VALIDATION_FRACTION = 0.2;
  static final long VALIDATION_SEED = 2021L;
  /** Lambda's first guess, in multiples of the mean confidence of a play. */
  static final double LAMBDA_PER_CONFIDENCE = 4;
  /** A move is kept only if it beats the best score by this share: smaller gains are validation noise. */
  static final double MIN_RELATIVE_GAIN = 0.003;
  /**
   * More factors are kept unless they score worse than this share below the best. Validation
   * precision on a couple of thousand listeners has a standard error of 1-2% of its value, and the
   * served model is fit on more plays than a candidate sees, which carry more factors: on Last.fm
   * the search on 64% of the plays scored 128 factors 0.5% below 64, while on the full training
   * plays 128 factors were 1.5% ahead on the test split.
   */
  static final double MORE_FACTORS_TOLERANCE = 0.01;
  /** alpha0 of the iALS starting point: Rendle et al. tune it in this range on their benchmarks. */
  static final float RENDLE_UNOBSERVED_WEIGHT = 0.03f;

  /** The settings moved before the factor count, in this order. */
  private static final SearchPoint.Dimension[] SETTINGS = {
      SearchPoint.Dimension.LAMBDA, SearchPoint.Dimension.ALPHA, SearchPoint.Dimension.ALPHA0,
      SearchPoint.Dimension.NU, SearchPoint.Dimension.EPSILON};
  private static final SearchPoint.Dimension[] REFINED_AFTER_FACTORS = {
      SearchPoint.Dimension.LAMBDA, SearchPoint.Dimension.ALPHA0};

  private final Duration budget;
  private final int k;
  private final int threads;
  private final int maxCandidates;

  public AutoSettings(Duration budget, int k, int threads) {
    this(budget, k, threads, 0);
  }

  /** {@code maxCandidates} above 0 also stops the search after that many fits (for reproducible choices). */
  public AutoSettings(Duration budget, int k, int threads, int maxCandidates) {
    Objects.requireNonNull(budget, "budget");
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("auto budget " + budget + " must be positive");
    }
    if (k < 1) {
      throw new IllegalArgumentException("k " + k + " must be >= 1");
    }
    if (maxCandidates < 0) {
      throw new IllegalArgumentException("maxCandidates " + maxCandidates + " must be >= 0");
    }
    this.budget = budget;
    this.k = k;
    this.threads = threads;
    this.maxCandidates = maxCandidates;
  }

  /** Hears the search as it goes. */
  public interface Listener {
    Listener NONE = new Listener() {};

    default void started(Duration budget) {}

    default void candidateFinished(Candidate candidate, int done) {}
  }

  /** One tried setting: its validation score, how long its fit took, and why it was tried. */
  public record Candidate(AlsConfig config, double score, double fitSeconds, String reason, String summary,
      Map<String, Object> settings) {}

  /** The chosen settings, their validation score, and every candidate in the order tried. */
  public record Result(AlsConfig chosen, double score, List<Candidate> candidates, List<String> guesses, String metric,
      double seconds) {
    /** A JSON-ready summary: the metric, the choice, the guesses and each candidate. */
    public Map<String, Object> describe() {
      Map<String, Object> described = new LinkedHashMap<>();
      described.put("metric", metric);
      described.put("validationScore", score);
      described.put("seconds", seconds);
      described.put("guesses", guesses);
      Candidate best = candidates.stream().filter(c -> c.config().equals(chosen)).findFirst().orElse(null);
      described.put("chosen", best != null ? best.settings() : Map.of());
      List<Map<String, Object>> tried = new ArrayList<>();
      for (Candidate candidate : candidates) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("settings", candidate.settings());
        row.put("score", candidate.score());
        row.put("fitSeconds", candidate.fitSeconds());
        row.put("reason", candidate.reason());
        tried.add(row);
      }
      described.put("candidates", tried);
      return described;
    }
  }

  /**
   * Searches from {@code base} (whose iterations, solver, CG steps, seed and threads are kept) and
   * returns the best settings found. With too few plays to hold any out, returns the first guess
   * unscored.
   */
  public Result choose(Interactions plays, AlsConfig base, Listener listener) {
    Objects.requireNonNull(listener, "listener");
    long start = System.nanoTime();
    PlayStatistics data = PlayStatistics.of(plays);
    List<String> guesses = new ArrayList<>();
    SearchPoint first = firstGuess(data, plays, base, guesses);
    Split split = new RandomSplitter(VALIDATION_FRACTION, VALIDATION_SEED).split(plays);
    String metric = "precision@" + k;
    listener.started(budget);
    if (split.test().nnz() == 0 || split.train().nnz() == 0) {
      guesses.add("too few plays to hold any out for validation: the first guess is used unscored");
      AlsConfig chosen = first.apply(base, data);
      Candidate only = new Candidate(chosen, Double.NaN, 0, "first guess", first.summary(chosen), first.describe(chosen));
      return new Result(chosen, Double.NaN, List.of(only), guesses, metric, seconds(start));
    }
    Search search = new Search(split, base, data, start, listener);
    search.evaluate(first, "first guess");
    for (Confidence.Function function : alternatives(first.function(), data)) {
      if (search.canContinue()) {
        search.evaluate(guessFor(function, data, plays, first), "other confidence function");
      }
    }
    // Rendle et al.'s regime: a small weight on the all-zero term and lambda scaled by each row's
    // frequency, which keeps popular items from swamping every list; tried from the best function
    // so far and from binary confidence, their paper's setting.
    for (Confidence.Function function : rendleFunctions(search.bestPoint.function())) {
      SearchPoint rendle = guessFor(function, data, plays, first.withObjective(RENDLE_UNOBSERVED_WEIGHT, 1f));
      if (search.canContinue()) {
        search.evaluate(rendle, "iALS regime (alpha0, nu = 1)");
      }
    }
    for (boolean fine : new boolean[] {false, true}) {
      ascend(search, SETTINGS, fine);
    }
    // More factors cost the most, so they come last, and lambda and alpha0 are refined at the new size.
    if (search.climb(SearchPoint.Dimension.FACTORS, false)) {
      ascend(search, REFINED_AFTER_FACTORS, true);
    }
    Candidate best = search.best;
    return new Result(best.config(), best.score(), List.copyOf(search.tried), guesses, metric, seconds(start));
  }

  /** Rounds of moves along each of {@code dimensions} until a round improves nothing or time is up. */
  private static void ascend(Search search, SearchPoint.Dimension[] dimensions, boolean fine) {
    boolean improved = true;
    while (improved && search.canContinue()) {
      improved = false;
      for (SearchPoint.Dimension dimension : dimensions) {
        improved |= search.climb(dimension, fine);
      }
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static SearchPoint firstGuess(PlayStatistics data, Interactions plays, AlsConfig base, List<String> guesses) {
    Confidence.Function function;
    if (data.allEqual()) {
      function = Confidence.Function.BINARY;
      guesses.add("binary confidence: every play count is the same");
    } else if (data.heavyTailed()) {
      function = Confidence.Function.LOG;
      guesses.add(String.format(Locale.ROOT, "log confidence: play counts are heavy-tailed (99th percentile / median"
          + " = %.3g / %.3g = %.3g >= %.0f)", data.p99(), data.median(), data.tailRatio(), PlayStatistics.HEAVY_TAIL_RATIO));
    } else {
      function = Confidence.Function.LINEAR;
      guesses.add(String.format(Locale.ROOT, "linear confidence: play counts are not heavy-tailed (99th percentile /"
          + " median = %.3g < %.0f)", data.tailRatio(), PlayStatistics.HEAVY_TAIL_RATIO));
    }
    SearchPoint start = new SearchPoint(function, 1f, 1f, 1, AlsConfig.DEFAULT_UNOBSERVED_WEIGHT,
        AlsConfig.DEFAULT_REGULARIZATION_EXPONENT, base.factors());
    SearchPoint guess = guessFor(function, data, plays, start);
    guesses.add(String.format(Locale.ROOT, "lambda %.3g: %.0f x the mean confidence of a play",
        guess.effectiveLambda(), LAMBDA_PER_CONFIDENCE));
    return guess;
  }

  /** {@code like} with {@code function} and lambda guessed for it. */
  private static SearchPoint guessFor(Confidence.Function function, PlayStatistics data, Interactions plays,
      SearchPoint like) {
    float alpha = function == Confidence.Function.LINEAR && data.median() > 0 ? (float) (1 / data.median()) : 1f;
    SearchPoint point = new SearchPoint(function, alpha, like.epsilon(), 1, like.unobservedWeight(),
        like.regularizationExponent(), like.factors());
    Confidence confidence = new Confidence(function, alpha, like.epsilon(), Float.POSITIVE_INFINITY);
    float[] values = plays.userItems().values();
    double sum = 0;
    for (float value : values) {
      sum += confidence.confidence(value);
    }
    double mean = values.length == 0 ? 2 : sum / values.length;
    return point.withEffectiveLambda(LAMBDA_PER_CONFIDENCE * mean);
  }

  private static List<Confidence.Function> rendleFunctions(Confidence.Function best) {
    return best == Confidence.Function.BINARY ? List.of(best) : List.of(best, Confidence.Function.BINARY);
  }

  private static List<Confidence.Function> alternatives(Confidence.Function guessed, PlayStatistics data) {
    if (data.allEqual()) {
      return List.of();
    }
    List<Confidence.Function> others = new ArrayList<>();
    for (Confidence.Function function : List.of(Confidence.Function.LOG, Confidence.Function.LINEAR,
        Confidence.Function.BINARY)) {
      if (function != guessed) {
        others.add(function);
      }
    }
    return others;
  }

  /** The state of one search: what was tried, the best so far, and the clock. */
  private final class Search {
    private final Split split;
    private final AlsConfig base;
    private final PlayStatistics data;
    private final long start;
    private final Listener listener;
    private final List<Candidate> tried = new ArrayList<>();
    private final Set<AlsConfig> seen = new HashSet<>();
    private Candidate best;
    private SearchPoint bestPoint;
    private double lastFitSeconds;
    private int lastFactors = 1;
    /** The highest score of any candidate so far. */
    private double topScore = Double.NEGATIVE_INFINITY;

    Search(Split split, AlsConfig base, PlayStatistics data, long start, Listener listener) {
      this.split = split;
      this.base = base;
      this.data = data;
      this.start = start;
      this.listener = listener;
    }

    /** Whether another fit of the best point's size still fits in the budget and the candidate cap. */
    boolean canContinue() {
      return fits(bestPoint == null ? base.factors() : bestPoint.factors());
    }

    private boolean fits(int factors) {
      if (maxCandidates > 0 && tried.size() >= maxCandidates) {
        return false;
      }
      // A fit's time grows about linearly with k here (CG, data-bound); this guesses the next one.
      double expected = lastFitSeconds * Math.max(1, (double) factors / lastFactors);
      return seconds(start) + expected <= budget.toNanos() / 1e9;
    }

    /**
     * Walks from the best point along {@code dimension} while each step improves it; true if any
     * did. More factors win near-ties ({@link #MORE_FACTORS_TOLERANCE}): the model served is fit
     * on all the plays, a quarter more than the candidates see, and more data carries more factors.
     */
    boolean climb(SearchPoint.Dimension dimension, boolean fine) {
      boolean improved = false;
      for (int direction : new int[] {1, -1}) {
        String reason = dimension.label + (direction > 0 ? " up" : " down") + (fine ? " (fine)" : "");
        boolean winsTies = dimension == SearchPoint.Dimension.FACTORS && direction > 0;
        SearchPoint next = bestPoint.move(dimension, direction, fine);
        while (next != null && fits(next.factors())) {
          Candidate candidate = evaluate(next, reason, winsTies);
          if (candidate != best) {
            break;
          }
          improved = true;
          next = bestPoint.move(dimension, direction, fine);
        }
        if (improved) {
          return true;
        }
      }
      return false;
    }

    Candidate evaluate(SearchPoint point, String reason) {
      return evaluate(point, reason, false);
    }

    /**
     * Fits and scores {@code point} unless already tried; returns its candidate (the best, if it
     * won: by more than {@link #MIN_RELATIVE_GAIN}, or by not losing more than
     * {@link #MORE_FACTORS_TOLERANCE} when it {@code winsTies}).
     */
    Candidate evaluate(SearchPoint point, String reason, boolean winsTies) {
      AlsConfig config = point.apply(base, data);
      if (!seen.add(config)) {
        return null;
      }
      long fitStart = System.nanoTime();
      FactorModel model = new AlsTrainer(config).fit(split.train());
      double fitSeconds = seconds(fitStart);
      double score = RankingEvaluator.evaluateTopK(model, split.train(), split.test(), k, threads).precision();
      lastFitSeconds = seconds(fitStart);
      lastFactors = config.factors();
      Candidate candidate = new Candidate(config, score, fitSeconds, reason, point.summary(config),
          point.describe(config));
      tried.add(candidate);
      // A near-tie is measured against the top score seen, so steps of more factors cannot drift down.
      double bar = best == null ? 0 : winsTies ? topScore * (1 - MORE_FACTORS_TOLERANCE)
          : best.score() * (1 + MIN_RELATIVE_GAIN);
      topScore = Math.max(topScore, score);
      if (best == null || score > bar || (winsTies && score >= bar)) {
        best = candidate;
        bestPoint = point;
      }
      listener.candidateFinished(candidate, tried.size());
      return candidate;
    }
  }
}
