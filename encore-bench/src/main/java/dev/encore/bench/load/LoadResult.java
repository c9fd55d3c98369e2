package dev.encore.bench.load;

import java.util.Map;

/**
 * What a load run measured: requests answered within the measured window, the rate, latency
 * percentiles in microseconds over every answered request (the slowest included), and the
 * answers that were not 2xx or never came.
 *
 * @param statusCounts answered requests by HTTP status
 * @param failures requests that got no answer (connection refused or reset, timeout)
 */
public record LoadResult(int connections, double seconds, long requests, double requestsPerSecond, double p50Micros,
    double p90Micros, double p99Micros, double p999Micros, double maxMicros, Map<Integer, Long> statusCounts,
    long failures) {

  /** Answers outside 200-299, plus requests without an answer. */
  public long unsuccessful() {
    long bad = failures;
    for (Map.Entry<Integer, Long> entry : statusCounts.entrySet()) {
      if (entry.getKey() < 200 || entry.getKey() > 299) {
        bad += entry.getValue();
      }
    }
    return bad;
  }
}
