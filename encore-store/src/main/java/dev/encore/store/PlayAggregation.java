package dev.encore.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
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
  /**
   * The least weight the newest play may have: below it (20 half-lives) every weight is noise
   * next to the confidence's constant 1, and the model would be trained on nothing.
   */
  static final double MIN_NEWEST_WEIGHT = 0x1p-20;

  private final Duration halfLife;
  private final Instant now;
  private final double halfLifeMicros;
  private final long nowMicros;

  private PlayAggregation(Duration halfLife, Instant now) {
    this.halfLife = halfLife;
    this.now = now;
    this.halfLifeMicros = halfLife == null ? Double.NaN : halfLife.toSeconds() * 1e6 + halfLife.toNanosPart() / 1e3;
    this.nowMicros = now == null ? 0 : EpochMicros.of(now);
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
    long ageMicros = Math.max(0, nowMicros - playedAtMicros);
    return Math.pow(0.5, ageMicros / halfLifeMicros);
  }

  /**
   * Refuses a decay that leaves the newest play (at {@code newestPlayedAtMicros}) weighing almost
   * nothing: what happens when a historical dataset is aged at today's date.
   */
  void requireUsefulWeights(long newestPlayedAtMicros) {
    double newest = weightAtMicros(newestPlayedAtMicros);
    if (isDecayed() && newest < MIN_NEWEST_WEIGHT) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "with a half-life of %s and ages"
          + " measured at %s, even the newest play (%s) weighs %.3g, so every play is about zero: measure ages at"
          + " the end of the data (encore train --as-of %s) or give a longer half-life", halfLife, now,
          EpochMicros.toInstant(newestPlayedAtMicros), newest, EpochMicros.toInstant(newestPlayedAtMicros)));
    }
  }

  @Override
  public String toString() {
    return isDecayed() ? "half-life " + halfLife + " at " + now : "sum";
  }
}
