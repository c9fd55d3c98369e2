package dev.encore.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpLoadTest {
  private HttpServer server;
  private final AtomicLong served = new AtomicLong();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      int status = path.startsWith("/bad") ? 503 : 200;
      if (path.startsWith("/slow")) {
        sleep(20);
      }
      byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
      // A length of 0 makes the server send the body chunked.
      exchange.sendResponseHeaders(status, path.startsWith("/chunked") ? 0 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
      served.incrementAndGet();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Test
  void countsAnswersByStatusAndNeverMoreThanTheServerAnswered() throws InterruptedException {
    HttpLoad load = new HttpLoad(base(), (random, sent) -> sent % 4 == 3 ? "/bad" : "/ok?user=" + random.nextInt(100));

    LoadResult result = load.run(2, Duration.ofMillis(200), Duration.ofMillis(800), 1);

    long ok = result.statusCounts().getOrDefault(200, 0L);
    long bad = result.statusCounts().getOrDefault(503, 0L);
    assertThat(ok + bad).isEqualTo(result.requests()).isPositive().isLessThanOrEqualTo(served.get());
    // Every fourth request of each thread is a 503, give or take the window's edges.
    assertThat((double) bad / result.requests()).isBetween(0.2, 0.3);
    assertThat(result.unsuccessful()).isEqualTo(bad);
    assertThat(result.requestsPerSecond()).isEqualTo(result.requests() / result.seconds());
    assertThat(result.p50Micros()).isLessThanOrEqualTo(result.p99Micros()).isLessThanOrEqualTo(result.maxMicros());
  }

  @Test
  void latencyIncludesTheServersDelay() throws InterruptedException {
    LoadResult result = new HttpLoad(base(), (random, sent) -> "/slow").run(1, Duration.ZERO, Duration.ofMillis(500), 1);

    assertThat(result.p50Micros()).isGreaterThanOrEqualTo(20_000);
    // A closed loop with one connection cannot beat one request per 20 ms.
    assertThat(result.requests()).isLessThanOrEqualTo(25);
  }

  @Test
  void requestsWithoutAnAnswerAreFailuresNotLatencies() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    LoadResult result = new HttpLoad(URI.create("http://127.0.0.1:" + closedPort), (random, sent) -> "/")
        .run(1, Duration.ZERO, Duration.ofSeconds(2), 1);

    assertThat(result.requests()).isZero();
    assertThat(result.failures()).isPositive();
    assertThat(result.unsuccessful()).isEqualTo(result.failures());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void readsChunkedBodiesAndKeepsTheConnectionInStep() throws InterruptedException {
    LoadResult result = new HttpLoad(base(), (random, sent) -> sent % 2 == 0 ? "/chunked" : "/ok")
        .run(2, Duration.ZERO, Duration.ofMillis(800), 1);

    // A body left unread would be parsed as the next status line and fail the next request.
    assertThat(result.failures()).isZero();
    assertThat(result.statusCounts()).containsOnlyKeys(200);
    assertThat(result.requests()).isGreaterThan(10).isLessThanOrEqualTo(served.get());
  }
}
