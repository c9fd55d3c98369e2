package dev.encore.server;

import dev.encore.store.StoreConfig;
import java.nio.file.Path;

/**
 * Runs a server in its own JVM for {@link DurabilityTest}: SQLite in the folder given as the only
 * argument, a free port printed as {@code LISTENING <port>} on stdout, then serving until killed.
 */
public final class ServerProcessMain {
  private ServerProcessMain() {}

  public static void main(String[] args) throws InterruptedException {
    Path folder = Path.of(args[0]);
    EncoreServer server = EncoreServer.start(ServerConfig.defaults(folder).withPort(0)
        .withStore(StoreConfig.sqlite(folder)).withApiKey(TestService.KEY).withTraining(TestService.FAST));
    System.out.println("LISTENING " + server.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}
