package dev.encore.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encore.store.EncoreStore;
import dev.encore.store.StoreConfig;
import dev.encore.store.Track;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 during a stream of POST /v1/plays: every play the server answered 2xx is in the SQLite
 * file after a restart. The server runs in its own JVM so the kill is a real SIGKILL.
 */
class DurabilityTest {
  private static final int LISTENERS = 4;
  private static final int TRACKS = 30;
  private static final int ACKNOWLEDGED_BEFORE_KILL = 150;
  private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

  @TempDir
  Path folder;

  /** One posted play. */
  private record Sent(String userId, String trackId, Instant playedAt) {}

  @Test
  void everyPlayAnsweredBeforeAKillSurvivesIt() throws Exception {
    try (EncoreStore store = EncoreStore.open(StoreConfig.sqlite(folder))) {
      List<Track> tracks = new ArrayList<>();
      for (int t = 0; t < TRACKS; t++) {
        tracks.add(Track.bare("track-" + t));
      }
      store.tracks().upsert(tracks);
    }

    Process server = startServer();
    List<Sent> acknowledged = new CopyOnWriteArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    Http http = new Http(URI.create("http://localhost:" + readPort(server)), TestService.KEY);
    List<Thread> clients = new ArrayList<>();
    for (int client = 0; client < 2; client++) {
      int clientId = client;
      Thread thread = new Thread(() -> stream(http, clientId, acknowledged, stop));
      thread.start();
      clients.add(thread);
    }
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    server.destroyForcibly();
    assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    stop.set(true);
    for (Thread thread : clients) {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

    Process restarted = startServer();
    try {
      Http again = new Http(URI.create("http://localhost:" + readPort(restarted)), TestService.KEY);
      Set<Sent> stored = new HashSet<>();
      for (int listener = 0; listener < LISTENERS; listener++) {
        JsonNode plays = again.get("/v1/users/listener-" + listener + "/plays?limit=1000").json().get("plays");
        for (JsonNode play : plays) {
          stored.add(new Sent(play.get("userId").asText(), play.get("trackId").asText(),
              Instant.parse(play.get("playedAt").asText())));
        }
      }
      assertThat(stored).containsAll(acknowledged);
      assertThat(again.get("/health/ready").status()).isEqualTo(200);
    } finally {
      restarted.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Posts batches of three plays until told to stop or the server is gone; records what was answered 2xx. */
  private static void stream(Http http, int clientId, List<Sent> acknowledged, AtomicBoolean stop) {
    for (int batch = 0; !stop.get() && batch < 100_000; batch++) {
      List<Sent> plays = new ArrayList<>();
      StringBuilder body = new StringBuilder("[");
      for (int i = 0; i < 3; i++) {
        long sequence = (long) batch * 3 + i;
        Sent play = new Sent("listener-" + (sequence % LISTENERS), "track-" + (sequence % TRACKS),
            T0.plusMillis(sequence * 10 + clientId));
        plays.add(play);
        body.append(i == 0 ? "" : ",").append("{\"userId\":\"").append(play.userId()).append("\",\"trackId\":\"")
            .append(play.trackId()).append("\",\"playedAt\":\"").append(play.playedAt()).append("\"}");
      }
      try {
        Http.Response response = http.post("/v1/plays", body.append(']').toString());
        if (response.status() / 100 == 2) {
          acknowledged.addAll(plays);
        }
      } catch (UncheckedIOException e) {
        return;
      }
    }
  }

  private Process startServer() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx512m", "--add-modules", "jdk.incubator.vector", "-cp",
        System.getProperty("java.class.path"), ServerProcessMain.class.getName(), folder.toString())
        .redirectError(folder.resolve("server-" + System.nanoTime() + ".log").toFile())
        .start();
  }

  private static int readPort(Process server) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("LISTENING ")) {
        return Integer.parseInt(line.substring("LISTENING ".length()).strip());
      }
    }
    throw new IllegalStateException("the server process exited before listening (exit " + server.exitValue() + ")");
  }
}
