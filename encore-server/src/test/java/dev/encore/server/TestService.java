package dev.encore.server;

import dev.encore.als.AlsConfig;
import dev.encore.store.testing.TestDatabase;
import dev.encore.synth.SynthConfig;
import java.nio.file.Path;
import java.time.Duration;

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

  @Override
  public void close() {
    server.close();
  }
}
