package dev.encore.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encore.store.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every way a request can be wrong gets the right 4xx with a JSON body {error, message}, changes
 * nothing, and leaves the server healthy.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class BadRequestTest extends ServedDemoFixture {
  private static final long BODY_LIMIT = 64 * 1024;

  String listener;
  String track;

  @Override
  TestService startService() throws InterruptedException {
    return TestService.start(TestService.config(database, folder).withMaxBodyBytes(BODY_LIMIT)).awaitFirstModel();
  }

  @BeforeEach
  void pickAListenerAndATrack() {
    listener = model().users().idOf(0);
    track = model().items().idOf(0);
  }

  /** Asserts the status, the JSON error body, and that the message names {@code mentioned}. */
  private static void assertError(Http.Response response, int status, String error, String mentioned) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/json");
    JsonNode body = response.json();
    assertThat(body.get("error").asText()).as(response.toString()).isEqualTo(error);
    assertThat(body.get("message").asText()).as(response.toString()).isNotBlank().contains(mentioned);
  }

  @Test
  void unknownIdsAreNotFound() {
    assertError(http.get("/v1/users/nobody/recommendations"), 404, "unknown_user", "nobody");
    assertError(http.get("/v1/users/nobody/similar"), 404, "unknown_user", "nobody");
    assertError(http.get("/v1/users/nobody"), 404, "unknown_user", "POST /v1/users");
    assertError(http.get("/v1/users/nobody/plays"), 404, "unknown_user", "nobody");
    assertError(http.get("/v1/tracks/nothing/similar"), 404, "unknown_track", "nothing");
    assertError(http.get("/v1/tracks/nothing"), 404, "unknown_track", "POST /v1/tracks");
    assertError(http.get("/v1/users/" + listener + "/recommendations/nothing/explanation"), 404, "unknown_track", "nothing");
    assertError(http.get("/v1/users/nobody/recommendations/" + track + "/explanation"), 404, "unknown_user", "nobody");
    assertError(http.get("/v1/models/999"), 404, "unknown_model", "999");
    assertError(http.get("/v1/models/jobs/999"), 404, "unknown_job", "999");
    assertError(http.get("/v1/no/such/thing"), 404, "not_found", "/openapi.json");
  }

  @Test
  void badParametersAreRejectedNamingTheParameter() {
    String recommendations = "/v1/users/" + listener + "/recommendations";
    assertError(http.get(recommendations + "?n=0"), 400, "invalid_parameter", "'n'");
    assertError(http.get(recommendations + "?n=1001"), 400, "invalid_parameter", "1..1000");
    assertError(http.get(recommendations + "?n=99999999999999"), 400, "invalid_parameter", "'n'");
    assertError(http.get(recommendations + "?n=ten"), 400, "invalid_parameter", "whole number");
    assertError(http.get(recommendations + "?filterPlayed=maybe"), 400, "invalid_parameter", "true or false");
    assertError(http.get(recommendations + "?strategy=telepathy"), 400, "invalid_parameter",
        "'strategy' = 'telepathy' is not one of als, popular, content, hybrid");
    assertError(http.get("/v1/tracks/" + track + "/similar?by=mood"), 400, "invalid_parameter",
        "'by' = 'mood' is not one of cf, content, hybrid");
    assertError(http.get("/v1/tracks/" + track + "/similar?n=-3"), 400, "invalid_parameter", "'n'");
    assertError(http.get("/v1/users?limit=5000"), 400, "invalid_parameter", "'limit'");
    assertError(http.get("/v1/tracks?offset=-1"), 400, "invalid_parameter", "'offset'");
    assertError(http.get("/v1/models/latest"), 400, "invalid_parameter", "whole number");
  }

  @Test
  void badBodiesAreRejectedNamingTheField() {
    long playsBefore = service.server.store().plays().count();
    assertError(http.post("/v1/plays", "{not json"), 400, "malformed_json", "line 1");
    assertError(http.post("/v1/plays", ""), 400, "missing_body", "JSON body");
    assertError(http.post("/v1/plays", "[]"), 400, "empty_batch", "at least one");
    assertError(http.post("/v1/plays", "{\"userId\": 5, \"trackId\": \"" + track + "\"}"), 400, "invalid_field", "userId");
    assertError(http.post("/v1/plays", "{\"userId\": \"a\", \"trackId\": \"" + track + "\", \"playCount\": \"3\"}"),
        400, "invalid_field", "playCount");
    assertError(http.post("/v1/plays", "{\"userId\": \"a\", \"trackId\": \"" + track + "\", \"playCount\": 2.5}"),
        400, "invalid_field", "whole number");
    assertError(http.post("/v1/plays", "{\"userId\": \"a\", \"trackId\": \"" + track + "\", \"playCount\": 0}"),
        400, "invalid_field", ">= 1");
    assertError(http.post("/v1/plays", "{\"userId\": \"a\", \"trackId\": \"" + track + "\", \"playedAt\": \"yesterday\"}"),
        400, "invalid_field", "ISO-8601");
    assertError(http.post("/v1/plays", "{\"user\": \"a\", \"trackId\": \"" + track + "\"}"), 400, "unknown_field", "userId");
    assertError(http.post("/v1/plays", "{\"userId\": \"a\"}"), 400, "invalid_field", "track id");
    assertError(http.post("/v1/plays", "[{\"userId\": \"a\", \"trackId\": \"" + track + "\"}, {\"userId\": \"a\", \"trackId\": 7}]"),
        400, "invalid_field", "[1].trackId");
    assertError(http.post("/v1/plays", "[{\"userId\": \"a\", \"trackId\": \"" + track + "\"}, {\"userId\": \"a\", \"trackId\": \"ghost\"}]"),
        404, "unknown_track", "Nothing of this batch was stored");
    assertError(http.post("/v1/tracks", "{\"id\": \"x\", \"features\": {\"tempo\": \"fast\"}}"), 400, "invalid_field", "features.tempo");
    assertError(http.post("/v1/users", "{\"id\": \"  \"}"), 400, "invalid_field", "'id'");
    assertError(http.post("/v1/models/train", "{\"factors\": 0}"), 400, "invalid_field", "factors");
    assertError(http.post("/v1/models/train", "{\"factors\": 8} trailing"), 400, "malformed_json", "");
    assertError(http.post("/v1/models/train", "{\"lambda\": 1}"), 400, "unknown_field", "alpha0, auto, autoBudgetSeconds");
    assertError(http.post("/v1/models/train", "{\"auto\": \"yes\"}"), 400, "invalid_field", "'auto' must be true or false");
    assertError(http.post("/v1/models/train", "{\"nu\": \"0.5\"}"), 400, "invalid_field", "'nu' must be a number");
    assertError(http.post("/v1/models/train", "{\"alpha0\": -1}"), 400, "invalid_field",
        "Field 'alpha0': setting unobservedWeight = -1.0 must be finite and >= 0");
    assertError(http.post("/v1/models/train", "{\"halfLife\": \"30 days\"}"), 400, "invalid_field", "ISO-8601");
    assertThat(service.server.store().plays().count()).isEqualTo(playsBefore);
    assertThat(service.server.store().listeners().find("a")).isEmpty();
  }

  @Test
  void oversizedBodiesAreRefusedWithOrWithoutALength() {
    StringBuilder huge = new StringBuilder("[");
    while (huge.length() <= BODY_LIMIT) {
      huge.append("{\"userId\":\"flood\",\"trackId\":\"").append(track).append("\"},");
    }
    huge.append("{\"userId\":\"flood\",\"trackId\":\"").append(track).append("\"}]");
    assertError(http.post("/v1/plays", huge.toString()), 413, "payload_too_large", "65,536 bytes");
    byte[] bytes = huge.toString().getBytes(StandardCharsets.UTF_8);
    Http.Response chunked = http.send("POST", "/v1/plays",
        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
    assertError(chunked, 413, "payload_too_large", "smaller batches");
    assertThat(service.server.store().listeners().find("flood")).isEmpty();
  }

  @Test
  void writesNeedTheApiKeyAndReadsDoNot() {
    String play = "{\"userId\": \"" + listener + "\", \"trackId\": \"" + track + "\"}";
    assertError(service.anonymous.post("/v1/plays", play), 401, "missing_api_key", "X-API-Key");
    assertError(service.anonymous.withKey("wrong-key-123").post("/v1/plays", play), 403, "invalid_api_key", "X-API-Key");
    assertError(service.anonymous.post("/v1/models/train", ""), 401, "missing_api_key", "X-API-Key");
    assertError(service.anonymous.post("/v1/tracks", "{\"id\": \"t\"}"), 401, "missing_api_key", "X-API-Key");
    assertError(service.anonymous.post("/v1/users", "{\"id\": \"u\"}"), 401, "missing_api_key", "X-API-Key");
    assertThat(service.anonymous.get("/v1/users/" + listener + "/recommendations").status()).isEqualTo(200);
    assertError(http.send("DELETE", "/v1/plays", HttpRequest.BodyPublishers.noBody()), 405, "method_not_allowed", "DELETE");
  }

  @Test
  void keyedReadsNeedTheKeyButProbesDoNot() throws InterruptedException {
    service.close();
    service = TestService.start(TestService.config(database, folder).withReads(ReadAccess.KEYED)).awaitFirstModel();
    assertError(service.anonymous.get("/v1/users/" + listener + "/recommendations"), 401, "missing_api_key", "X-API-Key");
    assertThat(service.http.get("/v1/users/" + listener + "/recommendations").status()).isEqualTo(200);
    assertThat(service.anonymous.get("/health/ready").status()).isEqualTo(200);
    assertThat(service.anonymous.get("/metrics").status()).isEqualTo(200);
  }

  /** Runs before {@link ServedDemoFixture#stop}. */
  @AfterEach
  void stillHealthy() {
    assertThat(service.http.get("/health/ready").status()).isEqualTo(200);
    assertThat(service.http.get("/v1/users/" + listener + "/recommendations?n=3").json().get("recommendations"))
        .hasSize(3);
  }
}
