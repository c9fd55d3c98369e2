package dev.encore.bench.load;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop HTTP load generator: {@code connections} threads, each with its own
 * keep-alive connection ({@link KeepAliveConnection}), send GET requests back to back for the warm-up and then the measured
 * window, so the request rate is what the server sustains at that concurrency. Latency is timed
 * per request from send to the whole body read, into an HdrHistogram per thread (no shared
 * state on the hot path) merged at the end. Coordinated omission does not arise in a closed loop
 * that reports its achieved rate rather than a target rate.
 */
public final class HttpLoad {
  private static final long HIGHEST_MICROS = Duration.ofMinutes(1).toNanos() / 1_000;

  private final URI base;
  private final BiFunction<SplittableRandom, Long, String> nextPath;

  /**
   * @param base the server, e.g. {@code http://127.0.0.1:8080}
   * @param nextPath the path and query of the next request, from the thread's own random source
   *     and its request count
   */
  public HttpLoad(URI base, BiFunction<SplittableRandom, Long, String> nextPath) {
    this.base = base;
    this.nextPath = nextPath;
  }

  public LoadResult run(int connections, Duration warmUp, Duration measured, long seed) throws InterruptedException {
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be >= 1, got " + connections);
    }
    long warmUpEnd = System.nanoTime() + warmUp.toNanos();
    long end = warmUpEnd + measured.toNanos();
    List<Worker> workers = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(connections);
    for (int c = 0; c < connections; c++) {
      Worker worker = new Worker(new SplittableRandom(seed + c), warmUpEnd, end, done);
      workers.add(worker);
      Thread thread = new Thread(worker, "load-" + c);
      thread.setDaemon(true);
      thread.start();
    }
    done.await();
    Histogram latencies = new Histogram(HIGHEST_MICROS, 3);
    Map<Integer, Long> statuses = new TreeMap<>();
    long failures = 0;
    for (Worker worker : workers) {
      latencies.add(worker.latencies);
      worker.statuses.forEach((status, count) -> statuses.merge(status, count, Long::sum));
      failures += worker.failures;
    }
    double seconds = measured.toNanos() / 1e9;
    long requests = latencies.getTotalCount();
    return new LoadResult(connections, seconds, requests, requests / seconds,
        latencies.getValueAtPercentile(50), latencies.getValueAtPercentile(90), latencies.getValueAtPercentile(99),
        latencies.getValueAtPercentile(99.9), latencies.getMaxValue(), statuses, failures);
  }

  private final class Worker implements Runnable {
    private final SplittableRandom random;
    private final long warmUpEnd;
    private final long end;
    private final CountDownLatch done;
    private final Histogram latencies = new Histogram(HIGHEST_MICROS, 3);
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private long failures;

    Worker(SplittableRandom random, long warmUpEnd, long end, CountDownLatch done) {
      this.random = random;
      this.warmUpEnd = warmUpEnd;
      this.end = end;
      this.done = done;
    }

    @Override
    public void run() {
      try (KeepAliveConnection connection = new KeepAliveConnection(base)) {
        for (long sent = 0; ; sent++) {
          long start = System.nanoTime();
          if (start >= end) {
            return;
          }
          int status;
          try {
            status = connection.get(nextPath.apply(random, sent));
          } catch (IOException e) {
            status = -1;
          }
          long finished = System.nanoTime();
          if (start < warmUpEnd || finished > end) {
            continue;
          }
          if (status < 0) {
            failures++;
          } else {
            latencies.recordValue(Math.min(HIGHEST_MICROS, (finished - start) / 1_000));
            statuses.merge(status, 1L, Long::sum);
          }
        }
      } finally {
        done.countDown();
      }
    }
  }
}
