package dev.encore.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encore.als.AlsConfig;
import dev.encore.als.Solver;
import dev.encore.model.FactorModel;
import dev.encore.store.PlayEvent;
import dev.encore.store.testing.TestDatabase;
import dev.encore.synth.SynthConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server on a free port over a fresh database of the given kind, filled with the tiny synthetic
 * catalogue (200 listeners x 100 tracks) and, once {@link #awaitFirstModel} returns, serving a
 * trained model. Small ALS settings keep each training well under a second.
 */
final class TestService implements AutoCloseable {
  static final String KEY = "test-key-0123456789";
  static final AlsConfig FAST = AlsConfig.defaults().withFactors(8).withIterations(4).withThreads(2)
      .withComputeLoss(true);

  final EncoreServer server;
  final Http http;
  final Http anonymous;

  private TestService(EncoreServer server) {
    this.server = server;
    this.http = new Http(server.baseUri(), KEY);
    this.anonymous = new Http(server.baseUri(), null);
  }

  static TestService start(TestDatabase database, Path folder) {
    return start(config(database, folder));
  }

  /**
   * Serving a first model trained with the exact solver, so a listener folded in from the same
   * plays gets exactly their trained factors.
   */
  static TestService startExact(TestDatabase database, Path folder) throws InterruptedException {
    return start(config(database, folder).withTraining(FAST.withSolver(Solver.CHOLESKY))).awaitFirstModel();
  }

  static TestService start(ServerConfig config) {
    return new TestService(EncoreServer.start(config));
  }

  static ServerConfig config(TestDatabase database, Path folder) {
    return ServerConfig.defaults(folder).withPort(0).withStore(database.freshConfig(folder)).withApiKey(KEY)
        .withTraining(FAST).withDemo(SynthConfig.tiny());
  }

  TestService awaitFirstModel() throws InterruptedException {
    server.awaitTraining(Duration.ofMinutes(2));
    if (!server.liveModel().snapshot().hasModel()) {
      throw new AssertionError("the first training did not produce a model: " + http.get("/v1/models"));
    }
    return this;
  }

  /** The serving model. */
  FactorModel model() {
    return server.liveModel().snapshot().model();
  }

  /** A JSON array of plays copying {@code userId}'s stored plays (times included) for {@code newUserId}. */
  String copyOfPlays(String userId, String newUserId) {
    List<PlayEvent> plays = server.store().plays().forUser(userId, 10_000);
    StringBuilder body = new StringBuilder("[");
    for (PlayEvent play : plays) {
      if (body.length() > 1) {
        body.append(',');
      }
      body.append("{\"userId\":\"").append(newUserId).append("\",\"trackId\":\"").append(play.trackId())
          .append("\",\"playCount\":").append(play.playCount()).append(",\"playedAt\":\"").append(play.playedAt())
          .append("\"}");
    }
    return body.append(']').toString();
  }

  /** Polls the training job at {@code location} until it has succeeded or failed; its last state. */
  JsonNode awaitJob(String location) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      JsonNode job = http.get(location).json();
      String state = job.get("state").asText();
      if (state.equals("succeeded") || state.equals("failed")) {
        return job;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("job " + location + " did not finish");
  }

  @Override
  public void close() {
    server.close();
  }
}
