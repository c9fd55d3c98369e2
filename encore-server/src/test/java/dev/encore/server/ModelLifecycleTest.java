package dev.encore.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encore.store.ModelRecord;
import dev.encore.store.testing.TestDatabase;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The safe model lifecycle over real HTTP: a worse version is kept ready but not served, an
 * operator promotes (rolls back), pins, unpins and deletes versions, retention removes old files,
 * and a restart serves what was serving.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ModelLifecycleTest extends ServedDemoFixture {
  /** No iterations: the random initial factors, whose held-out precision is far below a trained model's. */
  private static final String UNTRAINED = "{\"iterations\": 0}";
  private static final HttpRequest.BodyPublisher NO_BODY = HttpRequest.BodyPublishers.noBody();

  /** Trains with {@code body} and returns the finished job. */
  private JsonNode train(String body) throws InterruptedException {
    Http.Response started = http.post("/v1/models/train", body);
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    JsonNode job = service.awaitJob(started.location());
    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
    return job;
  }

  private JsonNode models() {
    return http.get("/v1/models").json();
  }

  private long servingVersion() {
    return models().get("servingVersion").asLong();
  }

  private long answeringVersion() {
    return http.get("/v1/users/" + model().users().idOf(0) + "/recommendations").json().get("modelVersion").asLong();
  }

  private Path fileOf(long version) {
    return Path.of(service.server.store().models().find(version).orElseThrow().file());
  }

  private void restart(ServerConfig config) {
    service.close();
    service = TestService.start(config);
    http = service.http;
  }

  private static void assertError(Http.Response response, int status, String error, String mentioned) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.json().get("error").asText()).as(response.toString()).isEqualTo(error);
    assertThat(response.json().get("message").asText()).as(response.toString()).contains(mentioned);
  }

  @Test
  void aWorseVersionIsReadyButNotServedAndSaysWhyWithBothNumbers() throws InterruptedException {
    double servedPrecision = http.get("/v1/models/1").json().at("/metrics/als/precision@10").asDouble();

    JsonNode job = train(UNTRAINED);

    assertThat(job.get("modelVersion").asLong()).isEqualTo(2);
    assertThat(job.at("/promotion/promoted").asBoolean()).isFalse();
    JsonNode version2 = http.get("/v1/models/2").json();
    assertThat(version2.get("status").asText()).isEqualTo("ready");
    assertThat(version2.get("serving").asBoolean()).isFalse();
    assertThat(version2.has("promotedAt")).isFalse();
    JsonNode promotion = version2.get("promotion");
    assertThat(promotion.get("promoted").asBoolean()).isFalse();
    assertThat(promotion.get("metric").asText()).isEqualTo("precision@10");
    assertThat(promotion.get("serving").asDouble()).isEqualTo(servedPrecision);
    assertThat(promotion.get("candidate").asDouble())
        .isEqualTo(version2.at("/metrics/als/precision@10").asDouble())
        .isLessThan(servedPrecision * 0.98);
    assertThat(promotion.get("tolerance").asDouble()).isEqualTo(0.02);
    assertThat(promotion.get("reason").asText()).startsWith("not promoted: precision@10 ")
        .contains(String.format(Locale.ROOT, "serving version 1's %.4f", servedPrecision));
    JsonNode list = models();
    assertThat(list.get("servingVersion").asLong()).isEqualTo(1);
    assertThat(list.at("/promotion/metric").asText()).isEqualTo("precision@10");
    assertThat(list.at("/promotion/tolerance").asDouble()).isEqualTo(0.02);
    assertThat(answeringVersion()).isEqualTo(1);
    assertThat(http.get("/v1/models/1").json().at("/promotion/reason").asText())
        .isEqualTo("promoted: no version was serving");
  }

  @Test
  void promotingAnOlderVersionRollsBackAndServesItAtOnce() throws InterruptedException {
    train("");
    assertThat(servingVersion()).isEqualTo(2);

    Http.Response promoted = http.post("/v1/models/1/promote", "");

    assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
    assertThat(promoted.json().get("version").asLong()).isEqualTo(1);
    assertThat(promoted.json().get("serving").asBoolean()).isTrue();
    assertThat(servingVersion()).isEqualTo(1);
    assertThat(answeringVersion()).isEqualTo(1);
    assertThat(http.post("/v1/models/1/promote", "").status()).as("promoting the serving version").isEqualTo(200);
    // A newer version is compared against the one now serving.
    JsonNode job = train("");
    assertThat(job.at("/promotion/servingVersion").asLong()).isEqualTo(1);
  }

  @Test
  void aPinnedVersionServesAndHoldsBackNewVersionsUntilUnpinned() throws InterruptedException {
    train("");
    Http.Response pinned = http.post("/v1/models/1/pin", "");
    assertThat(pinned.status()).as(pinned.toString()).isEqualTo(200);
    assertThat(pinned.json().get("pinned").asBoolean()).isTrue();
    assertThat(answeringVersion()).isEqualTo(1);

    JsonNode held = train("");

    assertThat(held.at("/promotion/promoted").asBoolean()).isFalse();
    assertThat(held.at("/promotion/reason").asText()).contains("version 1 is pinned");
    assertThat(models().get("pinnedVersion").asLong()).isEqualTo(1);
    assertError(http.post("/v1/models/3/promote", ""), 409, "model_pinned", "unpin it");
    assertThat(answeringVersion()).isEqualTo(1);

    Http.Response unpinned = http.post("/v1/models/unpin", "");

    assertThat(unpinned.status()).as(unpinned.toString()).isEqualTo(200);
    assertThat(unpinned.json().get("unpinned").asLong()).isEqualTo(1);
    assertThat(models().has("pinnedVersion")).isFalse();
    assertThat(http.post("/v1/models/unpin", "").json().has("unpinned")).isFalse();
    assertThat(train("").at("/promotion/promoted").asBoolean()).isTrue();
    assertThat(answeringVersion()).isEqualTo(4);
  }

  @Test
  void theServingVersionCannotBeDeletedAnotherIsDeletedWithItsFile() throws InterruptedException {
    assertError(service.http.send("DELETE", "/v1/models/1", NO_BODY), 409,
        "model_serving", "Model version 1 is serving");
    train("");
    Path file = fileOf(1);
    assertThat(file).exists();

    Http.Response deleted = http.send("DELETE", "/v1/models/1", NO_BODY);

    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    assertThat(deleted.json().get("deleted").asBoolean()).isTrue();
    assertThat(deleted.json().get("fileDeleted").asBoolean()).isTrue();
    assertThat(file).doesNotExist();
    assertError(http.get("/v1/models/1"), 404, "unknown_model", "No model version 1");
    assertError(http.send("DELETE", "/v1/models/1", NO_BODY), 404,
        "unknown_model", "1");
    assertError(http.post("/v1/models/99/promote", ""), 404, "unknown_model", "99");
    assertError(http.post("/v1/models/latest/pin", ""), 400, "invalid_parameter", "whole number");
    assertThat(models().get("models")).hasSize(1);
    assertThat(answeringVersion()).isEqualTo(2);
  }

  @Test
  void aVersionThatIsNotReadyOrWhoseFileDoesNotLoadCannotBeServedAndNothingChanges() throws Exception {
    train("");
    long failed = service.server.store().models().startTraining("{}");
    service.server.store().models().markFailed(failed, "simulated crash");
    assertError(http.post("/v1/models/" + failed + "/promote", ""), 409, "model_not_ready", "is failed");
    Files.write(fileOf(1), new byte[] {1, 2, 3});
    ServingSnapshot before = service.server.liveModel().snapshot();

    assertError(http.post("/v1/models/1/promote", ""), 409, "model_unloadable", "cannot be loaded");

    assertThat(service.server.liveModel().snapshot()).isSameAs(before);
    assertThat(servingVersion()).isEqualTo(2);
    assertThat(service.server.store().models().serving().servingVersion()).isEqualTo(2);
  }

  @Test
  void lifecycleChangesNeedTheApiKey() {
    for (Http.Response response : List.of(service.anonymous.post("/v1/models/1/promote", ""),
        service.anonymous.post("/v1/models/1/pin", ""), service.anonymous.post("/v1/models/unpin", ""),
        service.anonymous.send("DELETE", "/v1/models/1", NO_BODY))) {
      assertError(response, 401, "missing_api_key", "X-API-Key");
    }
    assertError(service.anonymous.withKey("wrong-key-123").post("/v1/models/1/pin", ""), 403, "invalid_api_key",
        "X-API-Key");
    assertThat(models().has("pinnedVersion")).isFalse();
  }

  @Test
  void aRestartServesThePromotedVersionNotTheNewestReadyOne() throws InterruptedException {
    train(UNTRAINED);
    assertThat(servingVersion()).isEqualTo(1);

    restart(service.server.config());

    assertThat(servingVersion()).isEqualTo(1);
    assertThat(answeringVersion()).isEqualTo(1);
    http.post("/v1/models/2/pin", "");
    restart(service.server.config());
    assertThat(servingVersion()).isEqualTo(2);
    assertThat(models().get("pinnedVersion").asLong()).isEqualTo(2);
  }

  @Test
  void aRestartWhoseServingFileDoesNotLoadMarksItFailedAndServesTheVersionThatServedBefore() throws Exception {
    train("");
    assertThat(servingVersion()).isEqualTo(2);
    Files.write(fileOf(2), new byte[] {9});

    restart(service.server.config());

    assertThat(servingVersion()).isEqualTo(1);
    assertThat(service.server.store().models().serving().servingVersion()).isEqualTo(1);
    var broken = service.server.store().models().find(2).orElseThrow();
    assertThat(broken.status()).isEqualTo("failed");
    assertThat(broken.error()).contains("cannot be loaded");
    // Not tried again: the next restart goes straight to version 1.
    restart(service.server.config());
    assertThat(servingVersion()).isEqualTo(1);
  }

  @Test
  void aTrainingTheServerWasKilledDuringIsMarkedFailedAtTheNextStart() {
    ServerConfig config = service.server.config();
    // What a kill -9 mid-training leaves in the table: a version still "training".
    long interrupted = service.server.store().models().startTraining("{\"als\":{}}");

    restart(config);

    JsonNode version = http.get("/v1/models/" + interrupted).json();
    assertThat(version.get("status").asText()).isEqualTo("failed");
    assertThat(version.get("error").asText()).contains("the server stopped (killed or crashed) while this version"
        + " was training");
    assertThat(version.has("finishedAt")).isTrue();
    assertThat(servingVersion()).isEqualTo(1);
  }

  @Test
  void retentionKeepsTheNewestFilesAndTheServingOneAndSaysWhichWereRemoved() throws Exception {
    restart(service.server.config().withKeepModels(2));
    http.post("/v1/models/1/pin", "");
    List<Path> files = new ArrayList<>();
    files.add(fileOf(1));
    for (int version = 2; version <= 4; version++) {
      train("");
      files.add(fileOf(version));
    }

    JsonNode list = models();

    assertThat(list.at("/retention/keepModels").asInt()).isEqualTo(2);
    assertThat(list.at("/retention/filesRemoved")).extracting(JsonNode::asLong).containsExactly(2L);
    assertThat(files.get(0)).as("the pinned, serving version's file").exists();
    assertThat(files.get(1)).doesNotExist();
    assertThat(files.get(2)).exists();
    assertThat(files.get(3)).exists();
    JsonNode version2 = http.get("/v1/models/2").json();
    assertThat(version2.get("fileRemoved").asBoolean()).isTrue();
    assertThat(version2.has("fileRemovedAt")).isTrue();
    assertThat(version2.get("status").asText()).isEqualTo("ready");
    assertThat(version2.at("/metrics/als/precision@10").isNumber()).as("its metrics stay").isTrue();
    assertThat(http.get("/v1/models/3").json().get("fileRemoved").asBoolean()).isFalse();
    assertError(http.post("/v1/models/2/pin", ""), 409, "model_file_removed", "removed by retention");
    ModelRecord record = service.server.store().models().find(2).orElseThrow();
    assertThat(record.fileRemovedAt()).isNotNull();
  }
}
