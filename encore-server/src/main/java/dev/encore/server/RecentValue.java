package dev.encore.server;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A value computed at most once per {@code maxAge}, however many callers ask: callers that arrive
 * while it is being computed wait for that computation instead of starting their own. It puts a
 * ceiling on what anonymous polling of an expensive read (the dashboard's COUNT(*)s) can cost the
 * database. Hand-written because it is a dozen lines and a cache library would be a dependency
 * for one value.
 */
final class RecentValue<T> {
  private final Supplier<T> compute;
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private T value;
  private long computedAt;

  RecentValue(Supplier<T> compute, Duration maxAge) {
    this(compute, maxAge, System::nanoTime);
  }

  RecentValue(Supplier<T> compute, Duration maxAge, LongSupplier nanoTime) {
    this.compute = Objects.requireNonNull(compute, "compute");
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
  }

  /** The value, recomputed first when it is older than {@code maxAge} or was never computed. */
  synchronized T get() {
    long now = nanoTime.getAsLong();
    if (value == null || now - computedAt >= maxAgeNanos) {
      value = Objects.requireNonNull(compute.get(), "computed value");
      computedAt = now;
    }
    return value;
  }
}
