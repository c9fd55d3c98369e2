package dev.encore.server;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The server's Micrometer registry, scraped as Prometheus text at /metrics: a timer per route,
 * method and status ({@code encore_http_requests_seconds}), counters of ingested plays, gauges of
 * the serving model, and the JVM's own meters.
 */
final class ServerMetrics implements AutoCloseable {
  static final String REQUESTS = "encore.http.requests";

  private final PrometheusMeterRegistry registry;
  private final Clock clock;
  /**
   * Each timer's percentiles from the last window that had requests: Micrometer's percentiles
   * cover a sliding window (two minutes) and read 0 once a route goes idle, while its count stays.
   */
  private final Map<Meter.Id, Percentiles> lastBusy = new ConcurrentHashMap<>();
  private final Counter playsStored;
  private final Counter playsUnknownToModel;
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

  ServerMetrics(LiveModel live) {
    this(live, Clock.SYSTEM);
  }

  /** {@code clock}: Micrometer's, which moves the percentile windows; a test's moves them by hand. */
  ServerMetrics(LiveModel live, Clock clock) {
    this.clock = clock;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    playsStored = Counter.builder("encore.plays.stored").description("new play events stored").register(registry);
    playsUnknownToModel = Counter.builder("encore.plays.unknown.to.model")
        .description("stored plays of tracks the serving model does not know, ignored by fold-in until retraining")
        .register(registry);
    Gauge.builder("encore.model.version", live, model -> model.snapshot().modelVersion())
        .description("version of the serving model, 0 while serving popularity alone").register(registry);
    Gauge.builder("encore.model.folded.listeners", live, model -> model.view().foldedCount())
        .description("listeners folded in since the serving model was installed").register(registry);
  }

  /** Records one answered request under its route template (never the raw path, which would explode the series). */
  void recordRequest(Context ctx, float milliseconds) {
    String route;
    try {
      route = ctx.endpointHandlerPath();
    } catch (RuntimeException noEndpoint) {
      // Javalin has no endpoint path for a request no route matched (404, 405, static files).
      route = null;
    }
    if (route == null || route.isEmpty() || !route.startsWith("/")) {
      // No endpoint matched: a dashboard file when it succeeded, else a wrong path or method.
      route = ctx.statusCode() < 400 ? "static" : "unmatched";
    }
    record(ctx.method().name(), route, ctx.statusCode(), milliseconds);
  }

  /** Records one answered request of {@code route} (a template) that took {@code milliseconds}. */
  void record(String method, String route, int status, double milliseconds) {
    Timer.builder(REQUESTS)
        .description("answered HTTP requests")
        .tag("method", method)
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .publishPercentiles(0.5, 0.99)
        .register(registry)
        .record((long) (milliseconds * 1_000_000L), TimeUnit.NANOSECONDS);
  }

  void playsStored(int count, int unknownToModel) {
    playsStored.increment(count);
    playsUnknownToModel.increment(unknownToModel);
  }

  String scrape() {
    return registry.scrape();
  }

  /**
   * Per route, method and status: count, mean and p50/p99 in milliseconds, busiest first. The
   * percentiles are the last two minutes'; for a route idle that long, those of its last busy
   * window, with {@code idle} set and when that window was read.
   */
  List<RouteLatency> latencies() {
    List<RouteLatency> rows = new ArrayList<>();
    for (Timer timer : registry.find(REQUESTS).timers()) {
      HistogramSnapshot snapshot = timer.takeSnapshot();
      double p50 = 0;
      double p99 = 0;
      for (ValueAtPercentile value : snapshot.percentileValues()) {
        if (value.percentile() == 0.5) {
          p50 = value.value(TimeUnit.MILLISECONDS);
        } else if (value.percentile() == 0.99) {
          p99 = value.value(TimeUnit.MILLISECONDS);
        }
      }
      boolean idle = p50 == 0 && p99 == 0;
      Percentiles shown = idle ? lastBusy.getOrDefault(timer.getId(), new Percentiles(0, 0, 0))
          : new Percentiles(p50, p99, clock.wallTime());
      if (!idle) {
        lastBusy.put(timer.getId(), shown);
      }
      rows.add(new RouteLatency(timer.getId().getTag("method"), timer.getId().getTag("route"),
          timer.getId().getTag("status"), snapshot.count(), snapshot.mean(TimeUnit.MILLISECONDS), shown.p50Ms(),
          shown.p99Ms(), idle, shown.readAtMillis()));
    }
    rows.sort(Comparator.comparingLong(RouteLatency::count).reversed());
    return rows;
  }

  private record Percentiles(double p50Ms, double p99Ms, long readAtMillis) {}

  /**
   * One route's request count and latency in milliseconds.
   *
   * @param idle no request in the percentile window: p50 and p99 are from the last window that had some
   * @param percentilesAtMillis when those percentiles were read (epoch milliseconds)
   */
  record RouteLatency(String method, String route, String status, long count, double meanMs, double p50Ms,
      double p99Ms, boolean idle, long percentilesAtMillis) {}

  @Override
  public void close() {
    gcMetrics.close();
    registry.close();
  }
}
