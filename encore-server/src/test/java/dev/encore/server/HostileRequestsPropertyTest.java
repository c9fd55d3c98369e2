package dev.encore.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.store.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random bytes as request bodies and as request paths, sent raw to a running server: every answer
 * is a JSON {error, message} below 500 (or a success), and the server stays healthy throughout.
 */
class HostileRequestsPropertyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] WRITE_PATHS = {"/v1/plays", "/v1/users", "/v1/tracks", "/v1/models/train",
      "/v1/models/install", "/v1/models/1/promote"};

  private static Path folder;
  private static TestService service;

  @BeforeContainer
  static void start() throws Exception {
    folder = Files.createTempDirectory("encore-hostile");
    service = TestService.start(TestService.config(TestDatabase.SQLITE, folder)).awaitFirstModel();
  }

  @AfterContainer
  static void stop() {
    service.close();
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000);
    // Near-JSON: fragments of valid bodies with random bytes spliced in, which reach deeper parsing.
    Arbitrary<byte[]> nearJson = Arbitraries.of("{\"userId\":\"a\",\"trackId\":\"t000\"}", "[{\"id\":\"x\"}]",
        "{\"iterations\":3,\"factors\":8}", "{\"id\":\"t\",\"features\":{\"tempo\":1}}", "null", "[null]", "{}")
        .flatMap(base -> Arbitraries.bytes().array(byte[].class).ofMaxSize(8).flatMap(noise ->
            Arbitraries.integers().between(0, base.length()).map(at -> splice(base, at, noise))));
    return Arbitraries.oneOf(random, nearJson);
  }

  private static byte[] splice(String base, int at, byte[] noise) {
    byte[] text = base.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[text.length + noise.length];
    System.arraycopy(text, 0, out, 0, at);
    System.arraycopy(noise, 0, out, at, noise.length);
    System.arraycopy(text, at, out, at + noise.length, text.length - at);
    return out;
  }

  @Property(tries = 300)
  void randomBodiesGetJsonAnswersBelow500(@ForAll("bodies") byte[] body,
      @ForAll("writePaths") String path) throws IOException {
    byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
        + "X-API-Key: " + TestService.KEY + "\r\nContent-Length: " + body.length + "\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    assertJsonAnswerBelow500(head, body);
  }

  @Provide
  Arbitrary<String> writePaths() {
    return Arbitraries.of(WRITE_PATHS);
  }

  @Provide
  Arbitrary<byte[]> paths() {
    // Printable and not: whatever a client could put between "GET " and " HTTP/1.1".
    return Arbitraries.bytes().filter(b -> b != ' ' && b != '\r' && b != '\n').array(byte[].class).ofMinSize(1)
        .ofMaxSize(300);
  }

  @Property(tries = 300)
  void randomPathsGetJsonAnswersBelow500(@ForAll("paths") byte[] path, @ForAll boolean underApi) throws IOException {
    byte[] prefix = (underApi ? "GET /v1/users/" : "GET /").getBytes(StandardCharsets.ISO_8859_1);
    byte[] suffix = " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] request = new byte[prefix.length + path.length + suffix.length];
    System.arraycopy(prefix, 0, request, 0, prefix.length);
    System.arraycopy(path, 0, request, prefix.length, path.length);
    System.arraycopy(suffix, 0, request, prefix.length + path.length, suffix.length);
    assertJsonAnswerBelow500(request, new byte[0]);
  }

  /**
   * Paths with dot or empty segments, where Jetty's static-file handler threw and the answer was
   * an empty 500 (jqwik found "/." and "//").
   */
  @Example
  void aliasPathsGetJsonAnswersBelow500() throws IOException {
    for (String path : new String[] {"/.", "/..", "/./", "/./index.html", "/webjars/.", "/v1/.", "/v1/users/.",
        "/a/../b", "//", "///", "//index.html", "/webjars//", "/v1//users", "/v1/users//x",
        "/index.html/", "/%2e", "/%2e%2e/", "/a%2fb", "/webjars/%2e%2e/", "/index.html%00", "/%5c", "/;", "/;/", "/.;/",
        "/index.html;x", "/~", "/%20", "/index.html%20", "/webjars/", "/webjars", "/%2F", "/%2f%2f", "/index.html/.",
        "/favicon.ico/", "/%00", "/a;b/c", "/..;/", "/%252e", "/index.html//", "/.%2e/", "/.well-known/"}) {
      assertJsonAnswerBelow500(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1), new byte[0]);
    }
  }

  private static void assertJsonAnswerBelow500(byte[] head, byte[] body) throws IOException {
    String response;
    try (Socket socket = new Socket("127.0.0.1", service.server.port())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(head);
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String[] headAndBody = response.split("\r\n\r\n", 2);
    assertThat(headAndBody[0]).as(response).matches("(?s)HTTP/1\\.1 [1-4]\\d\\d .*");
    if (headAndBody[0].startsWith("HTTP/1.1 3")) {
      // A static file asked for by another spelling ("/index.html/") is redirected to its own.
      assertThat(headAndBody[0].toLowerCase(java.util.Locale.ROOT)).as(response).containsPattern("\nlocation: \\S");
    } else if (!headAndBody[0].startsWith("HTTP/1.1 2")) {
      assertThat(headAndBody[0].toLowerCase(java.util.Locale.ROOT)).as(response)
          .contains("content-type: application/json");
      JsonNode error = JSON.readTree(headAndBody[1]);
      assertThat(error.get("error").asText()).as(response).isNotBlank();
      assertThat(error.get("message").asText()).as(response).isNotBlank();
    }
    assertThat(service.http.get("/health/ready").status()).isEqualTo(200);
  }
}
