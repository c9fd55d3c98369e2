package dev.encore.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link PlayRepository#interactions} turns play events into one value per listener and
 * track: the plain sum of their play counts, or a time-decayed sum in which an event of age
 * {@code a = now - playedAt} counts {@code playCount * 0.5^(a / halfLife)}, so a play one half-life
 * old weighs half a fresh one. An event dated after {@code now} (a client clock ahead of ours)
 * counts as age 0, never more than a fresh play.
 */
public final class PlayAggregation {
  private static final PlayAggregation SUM = new PlayAggregation(null, null);

  private final Duration halfLife;
  private final Instant now;

  private PlayAggregation(Duration halfLife, Instant now) {
    this.halfLife = halfLife;
    this.now = now;
  }

  /** Each listener and track's value is the sum of its play counts. */
  public static PlayAggregation sum() {
    return SUM;
  }

  /** Each event weighted by {@code 0.5^(age / halfLife)}, its age measured at {@code now}. */
  public static PlayAggregation halfLife(Duration halfLife, Instant now) {
    Objects.requireNonNull(halfLife, "halfLife");
    Objects.requireNonNull(now, "now");
    if (halfLife.isNegative() || halfLife.isZero()) {
      throw new IllegalArgumentException("half-life " + halfLife + " must be positive");
    }
    return new PlayAggregation(halfLife, now);
  }

  /** The half-life; empty for the plain sum. */
  public Optional<Duration> halfLife() {
    return Optional.ofNullable(halfLife);
  }

  /** The time ages are measured at; empty for the plain sum. */
  public Optional<Instant> now() {
    return Optional.ofNullable(now);
  }

  public boolean isDecayed() {
    return halfLife != null;
  }

  /** The weight of one play at {@code playedAt}: 1 for the plain sum. */
  public double weight(Instant playedAt) {
    return isDecayed() ? weightAtMicros(EpochMicros.of(playedAt)) : 1.0;
  }

  double weightAtMicros(long playedAtMicros) {
    if (!isDecayed()) {
      return 1.0;
    }
    long ageMicros = Math.max(0, EpochMicros.of(now) - playedAtMicros);
    return Math.pow(0.5, ageMicros / (double) EpochMicros.of(Instant.EPOCH.plus(halfLife)));
  }

  @Override
  public String toString() {
    return isDecayed() ? "half-life " + halfLife + " at " + now : "sum";
  }
}
