package dev.encore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.encore.data.Confidence;
import dev.encore.testing.RandomInteractions;
import io.micrometer.core.instrument.MockClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerMetricsTest {
  @Test
  void anIdleRouteKeepsItsLastBusyPercentilesAndSaysItIsIdle() {
    MockClock clock = new MockClock();
    LiveModel live = new LiveModel(ServingSnapshot.popularityOnly(RandomInteractions.generate(5, 5, 0.5, 3, 1),
        CatalogueFeatures.NO_TRACKS, Confidence.linear(1), Instant.EPOCH), userId -> List.of(),
        () -> CatalogueFeatures.NO_TRACKS, Clock.systemUTC());
    try (ServerMetrics metrics = new ServerMetrics(live, clock)) {
      for (int i = 0; i < 100; i++) {
        metrics.record("GET", "/v1/users/{id}/recommendations", 200, 4.0);
      }
      ServerMetrics.RouteLatency busy = metrics.latencies().get(0);
      assertThat(busy.idle()).isFalse();
      assertThat(busy.p50Ms()).isCloseTo(4.0, within(0.5));

      clock.add(Duration.ofMinutes(10));
      ServerMetrics.RouteLatency idle = metrics.latencies().get(0);

      assertThat(idle.count()).isEqualTo(100);
      assertThat(idle.idle()).isTrue();
      assertThat(idle.p50Ms()).as("not 0: the last busy window's").isEqualTo(busy.p50Ms());
      assertThat(idle.p99Ms()).isEqualTo(busy.p99Ms());
      assertThat(idle.percentilesAtMillis()).isEqualTo(busy.percentilesAtMillis());

      for (int i = 0; i < 100; i++) {
        metrics.record("GET", "/v1/users/{id}/recommendations", 200, 40.0);
        clock.add(Duration.ofSeconds(1));
      }
      ServerMetrics.RouteLatency again = metrics.latencies().get(0);
      assertThat(again.idle()).isFalse();
      assertThat(again.p50Ms()).isCloseTo(40.0, within(4.0));
    }
  }
}
