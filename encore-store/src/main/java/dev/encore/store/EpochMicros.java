package dev.encore.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times are stored as microseconds since the epoch (see the V1 migration for why). */
final class EpochMicros {
  private EpochMicros() {}

  static long of(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  static Instant toInstant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
