package dev.encore.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times are stored as microseconds since the epoch (see the V1 migration for why). */
final class EpochMicros {
  private EpochMicros() {}

  /** The earliest and latest storable times: microseconds in a long reach about 292,000 years either way. */
  static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
  static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

  /** @throws IllegalArgumentException for a time outside years 1 to 9999, which no play or listener has */
  static long of(Instant instant) {
    requireStorable(instant, "time");
    // Not ChronoUnit.MICROS.between, which counts in nanoseconds and overflows after the year 2262.
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }

  static Instant requireStorable(Instant instant, String what) {
    if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
      throw new IllegalArgumentException(what + " " + instant + " is outside the years 1 to 9999");
    }
    return instant;
  }

  static Instant toInstant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
