package dev.encore.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.ArrayList;
import java.util.List;

/**
 * What implicit's driver measured, read from the last {@code RESULT {json}} line of its output.
 * Its precision@10 and ndcg@10 are implicit's {@code ranking_metrics_at_k}, whose definitions
 * Encore's evaluator follows exactly (precision pools hits over min(10, |test items|)); its
 * recall@10 is computed as Encore defines it. {@code otherCoresDuringIterations} is the driver's
 * measure of the cores other processes kept busy while it trained: near 0 on an idle machine.
 */
record ImplicitResult(String version, long users, long items, long trainNnz, long testNnz, double readSeconds,
    double fitSeconds, List<Double> iterationSeconds, double medianIteration, double recommendAllSeconds,
    long recommendAllUsers, double similarAllSeconds, double precisionAt10, double ndcgAt10, double recallAt10,
    long evaluatedUsers, double evaluationSeconds, String blas, double otherCoresDuringIterations) {

  static final String PREFIX = "RESULT ";
  /** Python's json.dumps writes NaN bare; Jackson reads it only when told to. */
  private static final ObjectReader READER = BenchJson.MAPPER.reader()
      .with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);

  /** The result in the last line of {@code output} that starts with {@code RESULT }. */
  static ImplicitResult fromOutput(List<String> output) {
    for (int line = output.size() - 1; line >= 0; line--) {
      if (output.get(line).startsWith(PREFIX)) {
        return parse(output.get(line));
      }
    }
    throw new IllegalArgumentException("implicit's driver printed no line starting with '" + PREFIX.trim()
        + "' (" + output.size() + " lines of output)");
  }

  /** Parses one {@code RESULT {json}} line; the error names the field that is missing or not a number. */
  static ImplicitResult parse(String line) {
    if (!line.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a RESULT line: '" + abbreviate(line) + "'");
    }
    JsonNode json;
    try {
      json = READER.readTree(line.substring(PREFIX.length()));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("implicit's RESULT line is not JSON (" + e.getOriginalMessage() + "): '"
          + abbreviate(line) + "'", e);
    }
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("implicit's RESULT line holds no JSON object: '" + abbreviate(line) + "'");
    }
    JsonNode times = json.path("iterationSeconds");
    if (!times.isArray() || times.isEmpty()) {
      throw new IllegalArgumentException("implicit's RESULT has no iterationSeconds list: '" + abbreviate(line) + "'");
    }
    List<Double> iterationSeconds = new ArrayList<>();
    times.forEach(time -> iterationSeconds.add(asNumber(time, "iterationSeconds[]")));
    return new ImplicitResult(json.path("version").asText("unknown"), count(json, "users"), count(json, "items"),
        count(json, "trainNnz"), count(json, "testNnz"), number(json, "readSeconds"), number(json, "fitSeconds"),
        iterationSeconds, number(json, "medianIteration"), number(json, "recommendAllSeconds"),
        count(json, "recommendAllUsers"), number(json, "similarAllSeconds"), number(json, "precision@10"),
        number(json, "ndcg@10"), number(json, "recall@10"), count(json, "evalUsers"), number(json, "evalSeconds"), blas(json.path("blas")),
        meanOf(json.path("iterationOtherCores")));
  }

  /** The BLAS libraries' configurations ({@code blas_ctl}'s list), not their paths. */
  private static String blas(JsonNode libraries) {
    List<String> configs = new ArrayList<>();
    libraries.forEach(library -> configs.add(library.path("config").asText(library.toString()).trim()
        + ", " + library.path("num_threads").asText("?") + " thread(s)"));
    return configs.isEmpty() ? libraries.toString() : String.join("; ", configs);
  }

  /** The mean of the numbers in {@code values}, NaN (the driver's unknown) left out; NaN if none. */
  private static double meanOf(JsonNode values) {
    List<Double> known = new ArrayList<>();
    values.forEach(value -> {
      if (value.isNumber() && !Double.isNaN(value.asDouble())) {
        known.add(value.asDouble());
      }
    });
    return known.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  private static double number(JsonNode json, String field) {
    return asNumber(json.get(field), field);
  }

  private static double asNumber(JsonNode value, String field) {
    if (value == null || !value.isNumber()) {
      throw new IllegalArgumentException("implicit's RESULT lacks the number '" + field + "'"
          + (value == null ? "" : " (got " + value + ")"));
    }
    return value.asDouble();
  }

  private static long count(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.canConvertToLong()) {
      throw new IllegalArgumentException("implicit's RESULT lacks the whole number '" + field + "'"
          + (value == null ? "" : " (got " + value + ")"));
    }
    return value.asLong();
  }

  private static String abbreviate(String line) {
    return line.length() <= 120 ? line : line.substring(0, 117) + "...";
  }

  /** As the report's figures: no memory, latency or model-file figures (the driver measures none). */
  ChildFigures toFigures(List<String> notes) {
    return new ChildFigures(BenchedSystem.IMPLICIT, users, items, trainNnz, testNnz, readSeconds, iterationSeconds,
        medianIteration, IterationTimes.min(iterationSeconds), IterationTimes.max(iterationSeconds),
        "median of implicit's per-iteration callback times", fitSeconds, Double.NaN, -1, -1, -1, recommendAllUsers,
        recommendAllUsers / recommendAllSeconds, true, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
        items / similarAllSeconds, Double.NaN, -1, precisionAt10, ndcgAt10, recallAt10, evaluatedUsers, evaluationSeconds, blas, notes);
  }
}
