package dev.encore.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Whether a version that just became ready went live, and why: the metric compared, the new
 * version's value, the serving version's value and the tolerance. Stored as JSON in the
 * version's {@code promotion} column; the numbers are absent where there was nothing to compare.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Promotion(boolean promoted, String reason, String metric, Double candidate, Double serving,
    Long servingVersion, Double tolerance) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Promoted with nothing to compare against, or a value missing on either side. */
  static Promotion withoutComparison(String reason, String metric, Long servingVersion) {
    return new Promotion(true, reason, metric, null, null, servingVersion, null);
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The decision recorded in a {@link ModelRecord#promotionJson()}; empty for null or unreadable JSON. */
  public static Optional<Promotion> fromJson(String json) {
    if (json == null || json.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(json, Promotion.class));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
