package dev.encore.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.store.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The faults a probe of hostile and malformed requests found, each now a JSON 4xx that stores
 * nothing and leaves the server healthy: null bodies and items, loose parsing, bad IDs, oversized
 * tracks and batches, unbounded training, and the HTTP layer's own refusals.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class HardeningTest extends ServedDemoFixture {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BATCH = 50;

  String track;
  long playsBefore;
  long listenersBefore;

  @Override
  TestService startService() throws InterruptedException {
    return TestService.start(TestService.config(database, folder).withMaxBatch(MAX_BATCH)).awaitFirstModel();
  }

  @BeforeEach
  void countWhatIsStored() {
    track = model().items().idOf(0);
    playsBefore = service.server.store().plays().count();
    listenersBefore = service.server.store().listeners().count();
  }

  private void assertError(Http.Response response, int status, String error, String mentioned) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/json");
    JsonNode body = response.json();
    assertThat(body.get("error").asText()).as(response.toString()).isEqualTo(error);
    assertThat(body.get("message").asText()).as(response.toString()).contains(mentioned)
        .doesNotContain("Exception").doesNotContain("java.");
  }

  private void assertNothingStoredAndHealthy() {
    assertThat(service.server.store().plays().count()).isEqualTo(playsBefore);
    assertThat(service.server.store().listeners().count()).isEqualTo(listenersBefore);
    assertThat(http.get("/health/ready").status()).isEqualTo(200);
  }

  private String play(String userId, String extra) {
    return "{\"userId\":" + userId + ",\"trackId\":\"" + track + "\"" + extra + "}";
  }

  @Test
  void aNullBodyOrANullItemIsA400NotA500() {
    for (String path : new String[] {"/v1/plays", "/v1/users", "/v1/tracks", "/v1/models/train"}) {
      assertError(http.post(path, "null"), 400, "null_body", "null");
    }
    assertError(http.post("/v1/plays", "[" + play("\"a\"", "") + ",null]"), 400, "null_body", "Item [1]");
    assertError(http.post("/v1/plays", "\"just a string\""), 400, "invalid_body", "JSON object");
    assertNothingStoredAndHealthy();
  }

  @Test
  void parsingIsAsStrictAsDocumented() {
    assertError(http.post("/v1/plays", "{\"userId\":\"a\",\"userId\":\"b\",\"trackId\":\"" + track + "\"}"), 400,
        "malformed_json", "Duplicate field 'userId'");
    assertError(http.post("/v1/plays", play("\"a\"", ",\"playedAt\":1700000000")), 400, "invalid_field", "playedAt");
    assertError(http.post("/v1/plays", play("\"a\"", ",\"playCount\":null")), 400, "invalid_field", "playCount");
    assertError(http.post("/v1/plays", play("\"a\"", ",\"playedAt\":\"+300000-01-01T00:00:00Z\"")), 400,
        "invalid_field", "outside the years 1 to 9999");
    // Found by JsonBodiesFuzzTest: bodies the parser took for UTF-32 failed outside its parse errors, as 500s.
    assertError(http.post("/v1/plays", play("\"a\"", "").getBytes(StandardCharsets.UTF_16)), 400, "malformed_json",
        "not valid UTF-8 (at byte 0)");
    assertError(http.post("/v1/plays", new byte[] {0, 0, 0, 0, '"', 'u', '1', '"', '}'}), 400, "malformed_json",
        "not valid JSON");
    // Found by JsonBodiesFuzzTest: the parser's message for content after the value named its own classes.
    assertError(http.post("/v1/plays", play("\"a\"", "") + " \"more\""), 400, "malformed_json",
        "has more after its JSON value at line 1");
    byte[] latin1 = play("\"caf\u00e9\"", "").getBytes(StandardCharsets.ISO_8859_1);
    assertError(http.post("/v1/plays", latin1), 400, "malformed_json", "not valid UTF-8 (at byte 14)");
    Http.Response plain = http.send("POST", "/v1/plays", HttpRequest.BodyPublishers.ofString(play("\"a\"", "")));
    assertError(plain, 415, "unsupported_media_type", "application/json");
    assertNothingStoredAndHealthy();
  }

  @Test
  void idsMustBeValidUnicodeWithoutControlCharactersAndOfBoundedLength() {
    assertError(http.post("/v1/plays", play("\"a\\u0001b\"", "")), 400, "invalid_field", "control character U+0001");
    assertError(http.post("/v1/plays", play("\"a\\ud800b\"", "")), 400, "invalid_field", "lone UTF-16 surrogate");
    assertError(http.post("/v1/users", "{\"id\":\"" + "x".repeat(100_000) + "\"}"), 400, "invalid_request",
        "--max-id-length");
    assertError(http.post("/v1/plays", play("\"" + "y".repeat(300) + "\"", "")), 400, "invalid_request",
        "limit of 256");
    assertNothingStoredAndHealthy();
    // The longest ID allowed is stored and read back.
    String longest = "z".repeat(256);
    assertThat(http.post("/v1/users", "{\"id\":\"" + longest + "\"}").status()).isEqualTo(201);
    assertThat(http.get("/v1/users/" + longest).status()).isEqualTo(200);
  }

  @Test
  void aTrackWithTooManyFeaturesOrTagsIsRefusedAndTheNextTrainingIsUnharmed() throws Exception {
    Map<String, Object> fat = new LinkedHashMap<>();
    fat.put("id", "fat");
    Map<String, Float> features = new LinkedHashMap<>();
    for (int i = 0; i < 100_000; i++) {
      features.put("f" + i, 1f);
    }
    fat.put("features", features);
    assertError(http.post("/v1/tracks", JSON.writeValueAsString(fat)), 400, "invalid_request",
        "--max-features-per-track");
    Map<String, Object> tagged = Map.of("id", "tagged", "genres", java.util.Collections.nCopies(100, "pop"));
    assertError(http.post("/v1/tracks", JSON.writeValueAsString(tagged)), 400, "invalid_request",
        "--max-tags-per-track");
    assertThat(http.get("/v1/tracks/fat").status()).isEqualTo(404);

    Http.Response started = http.post("/v1/models/train", "{}");
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    assertThat(service.awaitJob(started.location()).get("state").asText()).isEqualTo("succeeded");
  }

  @Test
  void aBatchLargerThanTheLimitIsA413() {
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i <= MAX_BATCH; i++) {
      batch.append(i == 0 ? "" : ",").append(play("\"u" + i + "\"", ""));
    }
    assertError(http.post("/v1/plays", batch.append(']').toString()), 413, "batch_too_large", "--max-batch");
    assertNothingStoredAndHealthy();
  }

  @Test
  void trainingRequestsAreBoundedAndARunningOneCanBeCancelled() throws Exception {
    assertError(http.post("/v1/models/train", "{\"iterations\": 2000000000}"), 400, "invalid_field", "--max-iterations");
    assertError(http.post("/v1/models/train", "{\"alpha\": 3.0e38}"), 400, "invalid_field", "--max-alpha");
    assertError(http.post("/v1/models/train", "{\"factors\": 2000}"), 400, "invalid_field", "--max-factors");

    long serving = service.server.liveModel().snapshot().modelVersion();
    Http.Response started = http.post("/v1/models/train", "{\"iterations\": 1000, \"factors\": 64}");
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    assertError(http.post("/v1/models/train", "{}"), 409, "training_in_progress", "still running");
    assertThat(http.withKey(null).post("/v1/models/train", "{}").status()).isEqualTo(401);
    Http.Response cancelled = http.post(started.location() + "/cancel", "");
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(202);
    JsonNode job = service.awaitJob(started.location());
    assertThat(job.get("state").asText()).isEqualTo("failed");
    assertThat(job.get("error").asText()).contains("cancelled by request");
    assertThat(service.server.liveModel().snapshot().modelVersion()).isEqualTo(serving);
    assertError(http.post(started.location() + "/cancel", ""), 409, "job_not_running", "already finished");
    assertError(http.post("/v1/models/jobs/999/cancel", ""), 404, "unknown_job", "999");
    assertThat(http.withKey(null).post(started.location() + "/cancel", "").status()).isEqualTo(401);

    Http.Response next = http.post("/v1/models/train", "{\"iterations\": 1, \"factors\": 4, \"auto\": false}");
    assertThat(jobId(next)).as("refused requests took no job IDs").isEqualTo(jobId(started) + 1);
    service.awaitJob(next.location());
  }

  private static long jobId(Http.Response accepted) {
    return Long.parseLong(accepted.location().substring(accepted.location().lastIndexOf('/') + 1));
  }

  @Test
  void theHttpLayersOwnRefusalsAreJsonToo() throws IOException {
    assertRawError("GET /v1/users/%zz/recommendations HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    assertRawError("GET /v1/users/a%00b HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    assertRawError("GET /v1/users/" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414);
    assertRawError("GET /v1/stats HTTP/1.1\r\nHost: x\r\nX-Big: " + "x".repeat(20_000) + "\r\n\r\n", 431);
    assertRawError("POST /v1/plays HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
        + "Content-Length: 3\r\n\r\n{}", 400);
    assertNothingStoredAndHealthy();
  }

  /** Sends {@code request} as raw bytes (no client would send it) and checks a JSON error answers it. */
  private void assertRawError(String request, int status) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", service.server.port())) {
      socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
      OutputStream out = socket.getOutputStream();
      String closing = request.replaceFirst("\r\n", "\r\nConnection: close\r\n");
      out.write(closing.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String[] headAndBody = response.split("\r\n\r\n", 2);
      assertThat(headAndBody[0]).as(response).startsWith("HTTP/1.1 " + status);
      assertThat(headAndBody[0].toLowerCase(java.util.Locale.ROOT)).as(response)
          .contains("content-type: application/json");
      JsonNode body = JSON.readTree(headAndBody[1]);
      assertThat(body.get("error").asText()).isNotBlank();
      assertThat(body.get("message").asText()).contains(Integer.toString(status));
    }
  }
}
