package dev.encore.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encore.store.PlayEvent;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.encore.store.testing.TestDatabase;

/**
 * {@code DELETE /v1/users/{id}} and {@code DELETE /v1/tracks/{id}}: gone from the database, from
 * every answer of the serving model at once, and from the next model.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class DeletionTest extends ServedDemoFixture {
  private static final HttpRequest.BodyPublisher NO_BODY = HttpRequest.BodyPublishers.noBody();

  private Http.Response delete(String path) {
    return http.send("DELETE", path, NO_BODY);
  }

  private List<String> ids(JsonNode array, String field) {
    List<String> ids = new ArrayList<>();
    array.forEach(item -> ids.add(item.get(field).asText()));
    return ids;
  }

  @Test
  void aDeletedListenerIsGoneFromTheStoreEveryAnswerAndTheNextModel() throws Exception {
    String gone = model().users().idOf(0);
    String other = model().users().idOf(1);
    String played = service.server.store().plays().forUser(gone, 10).get(0).trackId();
    // Folded in, so a vector of theirs lives beside the trained row too.
    assertThat(http.post("/v1/plays", "{\"userId\": \"" + gone + "\", \"trackId\": \"" + played + "\"}").status())
        .isEqualTo(200);
    long theirPlays = service.server.store().plays().forUser(gone, 100_000).size();
    assertThat(ids(http.get("/v1/users/" + other + "/similar?n=500").json().get("similar"), "userId")).contains(gone);
    double popularityBefore = popularity(played);

    assertThat(http.withKey(null).send("DELETE", "/v1/users/" + gone, NO_BODY).status()).isEqualTo(401);
    Http.Response deleted = delete("/v1/users/" + gone);

    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    assertThat(deleted.json().get("playsDeleted").asLong()).isEqualTo(theirPlays);
    assertThat(service.server.store().plays().forUser(gone, 10)).isEmpty();
    assertThat(http.get("/v1/users/" + gone).status()).isEqualTo(404);
    for (String strategy : List.of("als", "content", "hybrid", "popular")) {
      assertThat(http.get("/v1/users/" + gone + "/recommendations?strategy=" + strategy).status()).as(strategy)
          .isEqualTo(404);
    }
    assertThat(http.get("/v1/users/" + gone + "/similar").status()).isEqualTo(404);
    assertThat(ids(http.get("/v1/users/" + other + "/similar?n=500").json().get("similar"), "userId"))
        .doesNotContain(gone).isNotEmpty();
    assertThat(model().users().contains(gone)).isFalse();
    assertThat(service.server.liveModel().view().folded(gone)).isNull();
    assertThat(popularity(played)).as("their listen no longer counts").isEqualTo(popularityBefore - 1);
    assertThat(delete("/v1/users/" + gone).status()).as("twice").isEqualTo(404);

    JsonNode job = service.awaitJob(http.post("/v1/models/train", "{\"auto\": false}").location());
    assertThat(job.get("state").asText()).isEqualTo("succeeded");
    assertThat(model().users().contains(gone)).as("the next model").isFalse();
    assertThat(model().users().contains(other)).isTrue();
  }

  @Test
  void aDeletedTrackIsGoneFromTheStoreEveryAnswerAndTheNextModel() throws Exception {
    String gone = model().items().idOf(0);
    String other = model().items().idOf(1);
    long itsPlays = 0;
    for (String listener : model().users().ids()) {
      for (PlayEvent play : service.server.store().plays().forUser(listener, 100_000)) {
        itsPlays += play.trackId().equals(gone) ? 1 : 0;
      }
    }
    assertThat(itsPlays).isPositive();

    Http.Response deleted = delete("/v1/tracks/" + gone);

    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    assertThat(deleted.json().get("playsDeleted").asLong()).isEqualTo(itsPlays);
    assertThat(http.get("/v1/tracks/" + gone).status()).isEqualTo(404);
    assertThat(http.get("/v1/tracks/" + gone + "/similar").status()).isEqualTo(404);
    for (String listener : model().users().ids().subList(0, 20)) {
      for (String strategy : List.of("als", "content", "hybrid", "popular")) {
        JsonNode answer = http.get("/v1/users/" + listener + "/recommendations?n=100&filterPlayed=false&strategy="
            + strategy).json();
        assertThat(ids(answer.get("recommendations"), "trackId")).as(strategy).doesNotContain(gone).isNotEmpty();
      }
    }
    for (String by : List.of("cf", "content", "hybrid")) {
      JsonNode similar = http.get("/v1/tracks/" + other + "/similar?n=100&by=" + by).json();
      assertThat(ids(similar.get("similar"), "trackId")).as(by).doesNotContain(gone).isNotEmpty();
    }
    assertThat(delete("/v1/tracks/" + gone).status()).as("twice").isEqualTo(404);

    JsonNode job = service.awaitJob(http.post("/v1/models/train", "{\"auto\": false}").location());
    assertThat(job.get("state").asText()).isEqualTo("succeeded");
    assertThat(model().items().contains(gone)).as("the next model").isFalse();
  }

  private double popularity(String trackId) {
    ServingSnapshot snapshot = service.server.liveModel().snapshot();
    return snapshot.popularity().popularity(snapshot.tracks().indexOf(trackId));
  }
}
