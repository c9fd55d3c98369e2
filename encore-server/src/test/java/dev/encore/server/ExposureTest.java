package dev.encore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.encore.io.OwnerOnly;
import dev.encore.store.StoreConfig;
import dev.encore.store.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server exposes by default: it listens on loopback only, keys reads as soon as it
 * listens beyond it, keeps its files owner-only, and refuses to share its data directory with a
 * second server, in this process or another.
 */
class ExposureTest {
  @TempDir
  Path folder;

  /** An empty SQLite database, so the server starts on popularity without a training in the background. */
  private ServerConfig config() {
    return TestService.config(TestDatabase.SQLITE, folder).withDemo(null);
  }

  @Test
  void loopbackNamesAreLoopbackOnlyAndTheWildcardIsNot() {
    assertThat(ReadAccess.loopbackOnly("127.0.0.1")).isTrue();
    assertThat(ReadAccess.loopbackOnly("localhost")).isTrue();
    assertThat(ReadAccess.loopbackOnly("::1")).isTrue();
    assertThat(ReadAccess.loopbackOnly("0.0.0.0")).isFalse();
    assertThat(ReadAccess.everyInterface("0.0.0.0")).isTrue();
    assertThat(ReadAccess.AUTOMATIC.keyed("127.0.0.1")).isFalse();
    assertThat(ReadAccess.AUTOMATIC.keyed("0.0.0.0")).isTrue();
    assertThat(ReadAccess.OPEN.keyed("0.0.0.0")).isFalse();
    assertThat(ReadAccess.KEYED.keyed("127.0.0.1")).isTrue();
    assertThatThrownBy(() -> ReadAccess.loopbackOnly("no-such-host.invalid"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host = no-such-host.invalid");
  }

  @Test
  void byDefaultItListensOnLoopbackOnly() throws IOException {
    Optional<InetAddress> external = externalAddress();
    assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to try");
    try (TestService service = TestService.start(config())) {
      int port = service.server.port();
      assertThat(service.anonymous.get("/v1/users").status()).isEqualTo(200);
      assertThatThrownBy(() -> {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(external.get(), port), 2_000);
        }
      }).as("port %d on %s: refused (or dropped, where a sandbox filters it)", port, external.get())
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void listeningOnEveryInterfaceKeysReadsUnlessOpenReadsIsChosen() {
    try (TestService service = TestService.start(config().withHost("0.0.0.0"))) {
      Http.Response anonymous = service.anonymous.get("/v1/users");
      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(anonymous.json().get("error").asText()).isEqualTo("missing_api_key");
      assertThat(service.http.get("/v1/users").status()).isEqualTo(200);
      assertThat(service.anonymous.get("/health/live").status()).as("probes stay open").isEqualTo(200);
    }
    try (TestService service = TestService.start(config().withHost("0.0.0.0").withReads(ReadAccess.OPEN))) {
      assertThat(service.anonymous.get("/v1/users").status()).isEqualTo(200);
      assertThat(service.anonymous.post("/v1/users", "{\"id\": \"u\"}").status()).as("writes stay keyed")
          .isEqualTo(401);
    }
  }

  @Test
  void browsersOnAllowedOriginsMayCallTheApiAndNoOthers() throws Exception {
    String allowed = "https://app.example.com";
    try (TestService service = TestService.start(config().withCorsOrigins(List.of(allowed)))) {
      HttpResponse<String> preflight = send(service, HttpRequest.newBuilder(service.server.baseUri().resolve("/v1/plays"))
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", allowed)
          .header("Access-Control-Request-Method", "POST")
          .header("Access-Control-Request-Headers", "x-api-key,content-type"));
      assertThat(preflight.statusCode()).isBetween(200, 204);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(allowed);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase(Locale.ROOT))
          .contains("x-api-key");

      HttpResponse<String> read = send(service, HttpRequest.newBuilder(service.server.baseUri().resolve("/v1/users"))
          .header("Origin", allowed));
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).hasValue(allowed);

      HttpResponse<String> foreign = send(service, HttpRequest.newBuilder(service.server.baseUri().resolve("/v1/users"))
          .header("Origin", "https://elsewhere.example"));
      assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
    try (TestService service = TestService.start(config())) {
      HttpResponse<String> byDefault = send(service, HttpRequest.newBuilder(service.server.baseUri().resolve("/v1/users"))
          .header("Origin", allowed));
      assertThat(byDefault.headers().firstValue("Access-Control-Allow-Origin")).as("no CORS unless asked").isEmpty();
    }
    assertThatThrownBy(() -> config().withCorsOrigins(List.of("app.example.com/path")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corsOrigins = app.example.com/path");
  }

  private static HttpResponse<String> send(TestService service, HttpRequest.Builder request) throws Exception {
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theKeyTheLockAndTheDatabaseAreOwnerOnly() throws IOException {
    assumeTrue(OwnerOnly.supported(folder), "POSIX permissions are not supported here");
    Path key = folder.resolve(ApiKeyGuard.KEY_FILE);
    Files.writeString(key, "an-older-key-left-open\n");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    try (TestService service = TestService.start(config().withApiKey(null))) {
      assertThat(service.http.withKey("an-older-key-left-open").post("/v1/users", "{\"id\": \"u\"}").status())
          .isEqualTo(201);
      for (Path file : List.of(key, folder.resolve(DataDirectoryLock.FILE), folder.resolve(StoreConfig.SQLITE_FILE))) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
            .isEqualTo("rw-------");
      }
    }
  }

  @Test
  void aSecondServerOnTheSameDataDirectoryIsRefusedUntilTheFirstStops() {
    try (TestService first = TestService.start(config())) {
      assertThatThrownBy(() -> TestService.start(config()).close())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("another Encore server is already using the data directory " + folder)
          .hasMessageContaining("process " + ProcessHandle.current().pid());
      assertThat(first.anonymous.get("/health/live").status()).isEqualTo(200);
    }
    try (TestService second = TestService.start(config())) {
      assertThat(second.anonymous.get("/health/live").status()).isEqualTo(200);
    }
  }

  @Test
  void aLockHeldByAnotherProcessNamesItAndDiesWithIt() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process holder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        DataDirectoryLockHolder.class.getName(), folder.toString()).redirectErrorStream(true).start();
    try {
      BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(output.readLine()).isEqualTo("locked");
      assertThatThrownBy(() -> TestService.start(config()).close())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("process " + holder.pid());
    } finally {
      holder.destroyForcibly();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    try (TestService after = TestService.start(config())) {
      assertThat(after.anonymous.get("/health/live").status()).as("kill -9 released the lock").isEqualTo(200);
    }
  }

  private static Optional<InetAddress> externalAddress() throws SocketException {
    for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!network.isUp() || network.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(network.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
          return Optional.of(address);
        }
      }
    }
    return Optional.empty();
  }
}
