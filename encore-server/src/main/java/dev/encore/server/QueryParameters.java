package dev.encore.server;

import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads query parameters, refusing a bad value with a 400 that names the parameter and the rule. */
final class QueryParameters {
  /** The most results one request may ask for. */
  static final int MAX_RESULTS = 1000;
  static final int DEFAULT_RESULTS = 10;
  static final int MAX_PAGE = 1000;
  static final int DEFAULT_PAGE = 100;

  private QueryParameters() {}

  /** {@code n}: how many results, 1..{@link #MAX_RESULTS}. */
  static int resultCount(Context ctx) {
    return wholeNumber(ctx, "n", DEFAULT_RESULTS, 1, MAX_RESULTS);
  }

  /** {@code offset} of a page, 0 or more. */
  static int offset(Context ctx) {
    return wholeNumber(ctx, "offset", 0, 0, Integer.MAX_VALUE);
  }

  /** {@code limit} of a page, 1..{@link #MAX_PAGE}. */
  static int limit(Context ctx) {
    return wholeNumber(ctx, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
  }

  static int wholeNumber(Context ctx, String name, int fallback, int min, int max) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return fallback;
    }
    String rule = max == Integer.MAX_VALUE ? "must be a whole number >= " + min
        : "must be a whole number in " + min + ".." + max;
    int value;
    try {
      value = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw ApiException.invalidParameter(name, text, rule);
    }
    if (value < min || value > max) {
      throw ApiException.invalidParameter(name, text, rule);
    }
    return value;
  }

  static boolean flag(Context ctx, String name, boolean fallback) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return fallback;
    }
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiException.invalidParameter(name, text, "must be true or false");
    };
  }

  /** A comma-separated list, e.g. {@code exclude=t1,t2}; absent means empty. */
  static Set<String> list(Context ctx, String name) {
    Set<String> values = new LinkedHashSet<>();
    for (String text : ctx.queryParams(name)) {
      for (String value : text.split(",")) {
        if (!value.isBlank()) {
          values.add(value.strip());
        }
      }
    }
    return values;
  }

  /** Whether {@code include} names {@code part}; a part this endpoint does not offer is a 400. */
  static boolean includes(Context ctx, String part, Set<String> offered) {
    Set<String> asked = list(ctx, "include");
    for (String each : asked) {
      if (!offered.contains(each)) {
        throw ApiException.badRequest("invalid_parameter", "Parameter 'include' = '" + each + "' is not one of "
            + offered + ".");
      }
    }
    return asked.contains(part);
  }

  /** The longest search a {@code q} parameter may hold. */
  static final int MAX_SEARCH_LENGTH = 200;

  /** The {@code q} parameter's search text; empty when absent; a 400 when blank or too long. */
  static Optional<String> search(Context ctx) {
    String query = ctx.queryParam("q");
    if (query == null) {
      return Optional.empty();
    }
    if (query.isBlank() || query.length() > MAX_SEARCH_LENGTH) {
      throw ApiException.badRequest("invalid_parameter", "Parameter 'q' must be 1 to " + MAX_SEARCH_LENGTH
          + " characters of text to search for, got " + (query.isBlank() ? "nothing" : query.length() + " characters")
          + ".");
    }
    return Optional.of(query);
  }

  /** A lower-case word such as a strategy name, or {@code fallback}. */
  static String word(Context ctx, String name, String fallback) {
    String text = ctx.queryParam(name);
    return text == null || text.isBlank() ? fallback : text.strip().toLowerCase(Locale.ROOT);
  }
}
