package dev.encore.server;

import dev.encore.als.AlsConfig;
import dev.encore.als.Solver;
import dev.encore.data.Confidence;
import dev.encore.store.AutoTuning;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The body of {@code POST /v1/models/train}: overrides of the server's training for one run,
 * under the names {@link TrainingJob.Settings} shows; an absent (or null) field keeps the
 * server's. Giving a setting the automatic search chooses (factors, regularization, alpha,
 * confidence, epsilon, alpha0, nu, scaleRegularization) means "train with mine": it turns
 * {@code auto} off unless {@code auto} is also given, as {@code encore train} does with options.
 * A value that breaks a rule is a 400 naming the field and the rule.
 *
 * @param halfLife an ISO-8601 duration such as {@code P30D} (each play weighs
 *     {@code 0.5^(age / halfLife)}), or {@code none} for the plain sum of play counts
 * @param autoBudgetSeconds the time the settings search may take; only with {@code auto} on
 */
record TrainRequest(Integer factors, Integer iterations, Float regularization, Boolean scaleRegularization,
    String confidence, Float alpha, Float epsilon, Float cap, Float alpha0, Float nu, Float initSigma, String solver,
    Integer cgSteps, Integer blockSize, Long seed, String halfLife, Boolean auto, Double autoBudgetSeconds) {
  static final TrainRequest NONE = new TrainRequest(null, null, null, null, null, null, null, null, null, null, null,
      null, null, null, null, null, null, null);
  /** The longest settings search a request may ask for. */
  static final double MAX_AUTO_BUDGET_SECONDS = 86_400;

  /** AlsConfig's and Confidence's setting names where the request's differ. */
  private static final Map<String, String> FIELD_OF_SETTING = Map.of("unobservedWeight", "alpha0",
      "regularizationExponent", "nu");
  private static final Pattern SETTING = Pattern.compile("^setting (\\w+) = ");

  /** The run's plan: {@code base} (the server's) with this request's fields. */
  TrainingPlan applyTo(TrainingPlan base) {
    AlsConfig old = base.als();
    Confidence oldConfidence = old.confidence();
    Confidence.Function function = confidence == null ? oldConfidence.function()
        : checked("confidence", () -> Confidence.Function.parse(confidence));
    Confidence newConfidence = checked(null, () -> new Confidence(function, or(alpha, oldConfidence.alpha()),
        or(epsilon, oldConfidence.epsilon()), or(cap, oldConfidence.cap())));
    Solver newSolver = solver == null ? old.solver() : checked("solver", () -> Solver.parse(solver));
    AlsConfig als = checked(null, () -> new AlsConfig(or(factors, old.factors()),
        or(regularization, old.regularization()), or(scaleRegularization, old.scaleRegularization()), newConfidence,
        or(iterations, old.iterations()), newSolver, or(cgSteps, old.cgSteps()), or(seed, old.seed()), old.threads(),
        old.computeLoss(), or(alpha0, old.unobservedWeight()), or(nu, old.regularizationExponent()),
        or(initSigma, old.initSigma()), or(blockSize, old.blockSize())));
    return new TrainingPlan(als, halfLife == null ? base.halfLife() : parseHalfLife(), autoTuning(base.auto()));
  }

  /** Whether any setting the search would choose is given. */
  private boolean givesSearchedSetting() {
    return Stream.of(factors, regularization, alpha, confidence, epsilon, alpha0, nu, scaleRegularization)
        .anyMatch(value -> value != null);
  }

  private AutoTuning autoTuning(AutoTuning server) {
    boolean enabled = auto != null ? auto : server.enabled() && !givesSearchedSetting();
    if (autoBudgetSeconds != null && !enabled) {
      throw invalid("autoBudgetSeconds", "applies only when the settings are chosen automatically: add"
          + " \"auto\": true" + (givesSearchedSetting() ? " (giving a setting the search chooses turns auto off)" : ""));
    }
    if (!enabled) {
      return AutoTuning.OFF;
    }
    if (autoBudgetSeconds == null) {
      return new AutoTuning(true, server.budget(), server.maxCandidates());
    }
    if (!(autoBudgetSeconds > 0 && autoBudgetSeconds <= MAX_AUTO_BUDGET_SECONDS)) {
      throw invalid("autoBudgetSeconds", "= " + autoBudgetSeconds + " must be > 0 and at most "
          + (long) MAX_AUTO_BUDGET_SECONDS + " (a day)");
    }
    return new AutoTuning(true, Duration.ofMillis(Math.max(1, Math.round(autoBudgetSeconds * 1000))),
        server.maxCandidates());
  }

  private Duration parseHalfLife() {
    if (halfLife.strip().equalsIgnoreCase("none")) {
      return null;
    }
    Duration parsed;
    try {
      parsed = Duration.parse(halfLife.strip());
    } catch (DateTimeParseException e) {
      throw invalid("halfLife", "= '" + halfLife + "' is not an ISO-8601 duration such as P30D or PT12H, nor none");
    }
    if (parsed.isNegative() || parsed.isZero()) {
      throw invalid("halfLife", "= '" + halfLife + "' must be positive");
    }
    return parsed;
  }

  /**
   * Runs {@code build}; a rule it breaks becomes a 400 naming {@code field}, or when null the field
   * the message names (AlsConfig's "setting NAME = ...", Confidence's "alpha ..."), with the rule.
   */
  private static <T> T checked(String field, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      String rule = e.getMessage();
      String named = field != null ? "Field '" + field + "'" : fieldsIn(rule);
      throw ApiException.badRequest("invalid_field", named + ": " + rule + ".");
    }
  }

  private static String fieldsIn(String rule) {
    if (rule.contains("with scaleRegularization")) {
      return "Fields 'nu' and 'scaleRegularization'";
    }
    Matcher setting = SETTING.matcher(rule);
    String name = setting.find() ? setting.group(1) : rule.split(" ", 2)[0];
    return "Field '" + FIELD_OF_SETTING.getOrDefault(name, name) + "'";
  }

  private static ApiException invalid(String field, String rule) {
    return ApiException.badRequest("invalid_field", "Field '" + field + "' " + rule + ".");
  }

  private static <T> T or(T given, T otherwise) {
    return given != null ? given : otherwise;
  }
}
