package dev.encore.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.als.Solver;
import dev.encore.model.FactorModel;
import dev.encore.model.ModelDirectory;
import dev.encore.model.ModelFile;
import dev.encore.model.RecommendOptions;
import dev.encore.model.Recommendation;
import dev.encore.store.PlayAggregation;
import dev.encore.store.StoredModelTrainer;
import dev.encore.store.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * POST /v1/models/install over real HTTP: a model trained elsewhere (as the Spark job writes it)
 * becomes the next version, served at once and after a restart; a wrong request changes nothing.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ModelInstallTest extends ServedDemoFixture {
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * Other factors and seed than the served model's, so their recommendations differ; the exact
   * solver, so a listener folded in from the same plays gets exactly their trained factors.
   */
  private static final AlsConfig ELSEWHERE = TestService.FAST.withSolver(Solver.CHOLESKY).withFactors(6).withSeed(42);
  /** A Spark evaluation better than the served model's, so the install is promoted. */
  private static final String EVALUATION = "{\"input\":\"plays.tsv\",\"heldOut\":\"none\",\"users\":200,\"items\":100,"
      + "\"evaluated\":true,\"metrics\":{\"precision@10\":0.91,\"ndcg@10\":0.92}}";

  /** A model trained as the Spark job would train it: on the store's plays, summed. */
  private FactorModel trainedElsewhere() {
    return new AlsTrainer(ELSEWHERE).fit(service.server.store().plays().interactions(PlayAggregation.sum()));
  }

  /** {@code model} as a model directory of several parts, with {@code evaluation} inside unless it is null. */
  private Path modelDirectory(FactorModel model, String name, String evaluation) throws IOException {
    Path directory = folder.resolve(name);
    ModelDirectory.save(model, directory, 3, 2);
    if (evaluation != null) {
      Files.writeString(directory.resolve(ModelInstaller.EVALUATION_FILE), evaluation);
    }
    return directory;
  }

  private Http.Response install(Path path) {
    return http.post("/v1/models/install", "{\"path\": " + quoted(path) + "}");
  }

  private static String quoted(Path path) {
    try {
      return JSON.writeValueAsString(path.toString());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> recommendedBy(String userId) {
    JsonNode answer = http.get("/v1/users/" + userId + "/recommendations?n=10").json();
    List<String> ids = new ArrayList<>();
    answer.get("recommendations").forEach(track -> ids.add(track.get("trackId").asText()));
    return ids;
  }

  private static List<String> expected(FactorModel model, String userId) {
    return model.recommend(userId, 10, RecommendOptions.DEFAULT).stream().map(Recommendation::itemId).toList();
  }

  private long servingVersion() {
    return http.get("/v1/models").json().get("servingVersion").asLong();
  }

  private int versionsRecorded() {
    return http.get("/v1/models").json().get("models").size();
  }

  private static void assertError(Http.Response response, int status, String error, String mentioned) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.json().get("error").asText()).as(response.toString()).isEqualTo(error);
    assertThat(response.json().get("message").asText()).as(response.toString()).contains(mentioned);
  }

  @Test
  void aModelDirectoryIsServedAtOnceWithTheEvaluationInside() throws IOException {
    FactorModel installed = trainedElsewhere();
    String listener = installed.users().idOf(5);
    assertThat(recommendedBy(listener)).as("the served model must disagree with the one to install")
        .isNotEqualTo(expected(installed, listener));
    Path directory = modelDirectory(installed, "spark-model", EVALUATION);

    Http.Response answer = install(directory);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    assertThat(answer.location()).isEqualTo("/v1/models/2");
    JsonNode view = answer.json();
    assertThat(view.get("version").asLong()).isEqualTo(2);
    assertThat(view.get("status").asText()).isEqualTo("ready");
    assertThat(view.get("serving").asBoolean()).isTrue();
    assertThat(view.at("/settings/installedFrom").asText()).isEqualTo(directory.toAbsolutePath().toString());
    assertThat(view.at("/settings/als/factors").asInt()).isEqualTo(ELSEWHERE.factors());
    assertThat(given(view.get("metrics"))).isEqualTo(JSON.readTree(EVALUATION));
    assertThat(view.has("trainingLoss")).as("no fit of this server's made it").isFalse();
    assertThat(http.get("/v1/models/2").json()).isEqualTo(view);
    JsonNode models = http.get("/v1/models").json();
    assertThat(models.get("servingVersion").asLong()).isEqualTo(2);
    assertThat(models.get("models").get(0).at("/metrics/metrics/precision@10").asDouble()).isEqualTo(0.91);
    assertThat(http.get("/v1/users/" + listener + "/recommendations").json().get("modelVersion").asLong())
        .isEqualTo(2);
    assertThat(recommendedBy(listener)).containsExactlyElementsOf(expected(installed, listener));
  }

  @Test
  void anInstallWhoseEvaluationIsWorseIsReadyButNotServedUntilPromotedByHand() throws IOException {
    FactorModel installed = trainedElsewhere();
    Path directory = modelDirectory(installed, "weak-model", EVALUATION.replace("0.91", "0.01"));
    ServingSnapshot before = service.server.liveModel().snapshot();

    Http.Response answer = install(directory);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    JsonNode view = answer.json();
    assertThat(view.get("status").asText()).isEqualTo("ready");
    assertThat(view.get("serving").asBoolean()).isFalse();
    assertThat(view.at("/promotion/promoted").asBoolean()).isFalse();
    assertThat(view.at("/promotion/candidate").asDouble()).isEqualTo(0.01);
    assertThat(view.at("/promotion/servingVersion").asLong()).isEqualTo(1);
    assertThat(view.at("/promotion/reason").asText()).startsWith("not promoted: precision@10 0.0100 against serving"
        + " version 1's ");
    assertThat(service.server.liveModel().snapshot()).isSameAs(before);
    assertThat(servingVersion()).isEqualTo(1);

    Http.Response promoted = http.post("/v1/models/2/promote", "");

    assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
    assertThat(promoted.json().get("serving").asBoolean()).isTrue();
    String listener = installed.users().idOf(3);
    assertThat(recommendedBy(listener)).containsExactlyElementsOf(expected(installed, listener));
  }

  @Test
  void anInstalledModelFileIsServedFromTheServersOwnCopyAfterARestart() throws IOException {
    FactorModel installed = trainedElsewhere();
    String listener = installed.users().idOf(9);
    Path file = folder.resolve("elsewhere.encore");
    ModelFile.save(installed, file);

    Http.Response answer = http.post("/v1/models/install", "{\"path\": " + quoted(file)
        + ", \"metrics\": {\"precision@10\": 0.5, \"note\": \"offline run\"}}");

    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    assertThat(given(answer.json().get("metrics")))
        .isEqualTo(JSON.readTree("{\"precision@10\": 0.5, \"note\": \"offline run\"}"));
    Files.delete(file);
    ServerConfig config = service.server.config();
    service.close();
    service = TestService.start(config);
    http = service.http;
    assertThat(servingVersion()).isEqualTo(2);
    assertThat(recommendedBy(listener)).containsExactlyElementsOf(expected(installed, listener));
    FactorModel copy = ModelFile.load(new StoredModelTrainer(service.server.store(), config.dataDirectory()).modelFile(2));
    assertThat(copy.itemFactors()).isEqualTo(installed.itemFactors());
  }

  @Test
  void listenersFoldedInBeforeAnInstallAreFoldedInAgainAgainstTheInstalledModel() throws IOException {
    FactorModel installed = trainedElsewhere();
    String twin = installed.users().idOf(7);
    Http.Response posted = http.post("/v1/plays", service.copyOfPlays(twin, "newcomer"));
    assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
    Path directory = modelDirectory(installed, "without-evaluation", null);

    Http.Response answer = install(directory);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    assertThat(given(answer.json().get("metrics")))
        .isEqualTo(JSON.readTree("{\"evaluated\": false, \"reason\": \"installed without an evaluation\"}"));
    JsonNode newcomer = http.get("/v1/users/newcomer/recommendations?n=10").json();
    assertThat(newcomer.get("servedBy").asText()).as(newcomer.toString()).isEqualTo("als");
    assertThat(newcomer.get("modelVersion").asLong()).isEqualTo(2);
    // Same plays, exact solver: fold-in against the installed model reproduces its twin.
    assertThat(recommendedBy("newcomer")).containsExactlyElementsOf(expected(installed, twin));
  }

  @Test
  void aMissingPathIsABadRequestNamingItAndRecordsNothing() {
    Path nowhere = folder.resolve("no-such-model");

    assertError(install(nowhere), 400, "invalid_model", nowhere.toString());

    assertThat(versionsRecorded()).isEqualTo(1);
    assertThat(servingVersion()).isEqualTo(1);
  }

  @Test
  void anIncompleteModelDirectoryIsABadRequestNamingWhatIsWrongAndTheServedModelStays() throws IOException {
    FactorModel installed = trainedElsewhere();
    Path noManifest = modelDirectory(installed, "no-manifest", EVALUATION);
    Files.delete(noManifest.resolve(ModelDirectory.MANIFEST));
    Path truncatedPart = modelDirectory(installed, "truncated-part", EVALUATION);
    Path part = truncatedPart.resolve(ModelDirectory.userPartName(1));
    Files.write(part, Arrays.copyOf(Files.readAllBytes(part), 40));
    ServingSnapshot before = service.server.liveModel().snapshot();

    assertError(install(noManifest), 400, "invalid_model", "'manifest'");
    assertError(install(truncatedPart), 400, "invalid_model", part.toString());

    assertThat(service.server.liveModel().snapshot()).isSameAs(before);
    assertThat(versionsRecorded()).isEqualTo(1);
  }

  @Test
  void badBodiesAreRejectedNamingTheField() throws IOException {
    Path model = modelDirectory(trainedElsewhere(), "good", null);
    Path badEvaluation = modelDirectory(trainedElsewhere(), "bad-evaluation", "{\"metrics\": ");
    String path = quoted(model);

    assertError(http.post("/v1/models/install", ""), 400, "missing_body", "JSON body");
    assertError(http.post("/v1/models/install", "{}"), 400, "invalid_field", "'path' is required");
    assertError(http.post("/v1/models/install", "{\"path\": \"  \"}"), 400, "invalid_field", "'path' is required");
    assertError(http.post("/v1/models/install", "{\"path\": \"models/run-1\"}"), 400, "invalid_field", "absolute");
    assertError(http.post("/v1/models/install", "{\"path\": 5}"), 400, "invalid_field", "path");
    assertError(http.post("/v1/models/install", "{\"path\": " + path + ", \"metrics\": 0.3}"), 400, "invalid_field",
        "'metrics' must be a JSON object");
    assertError(http.post("/v1/models/install", "{\"path\": " + path + ", \"metrics\": [1]}"), 400, "invalid_field",
        "'metrics' must be a JSON object");
    assertError(http.post("/v1/models/install", "{\"path\": " + path + ", \"force\": true}"), 400, "unknown_field",
        "force");
    assertError(install(badEvaluation), 400, "invalid_evaluation",
        badEvaluation.resolve(ModelInstaller.EVALUATION_FILE).toString());

    assertThat(versionsRecorded()).isEqualTo(1);
    assertThat(servingVersion()).isEqualTo(1);
  }

  @Test
  void installingNeedsTheApiKey() throws IOException {
    String body = "{\"path\": " + quoted(modelDirectory(trainedElsewhere(), "keyless", EVALUATION)) + "}";

    assertError(service.anonymous.post("/v1/models/install", body), 401, "missing_api_key", "X-API-Key");
    assertError(service.anonymous.withKey("wrong-key-123").post("/v1/models/install", body), 403, "invalid_api_key",
        "X-API-Key");

    assertThat(versionsRecorded()).isEqualTo(1);
    assertThat(servingVersion()).isEqualTo(1);
  }

  @Test
  void aCopyThatFailsIsRecordedFailedAndTheServedModelStays() throws IOException {
    Path directory = modelDirectory(trainedElsewhere(), "spark-model", EVALUATION);
    // A non-empty folder where version 2's file goes: the copy cannot be moved into place.
    Path blocked = new StoredModelTrainer(service.server.store(), service.server.config().dataDirectory()).modelFile(2);
    Files.createDirectories(blocked);
    Files.writeString(blocked.resolve("in-the-way"), "");
    ServingSnapshot before = service.server.liveModel().snapshot();

    assertError(install(directory), 500, "install_failed", "model version 2");

    JsonNode version2 = http.get("/v1/models/2").json();
    assertThat(version2.get("status").asText()).isEqualTo("failed");
    assertThat(version2.get("error").asText()).isNotBlank();
    assertThat(version2.get("serving").asBoolean()).isFalse();
    assertThat(service.server.liveModel().snapshot()).isSameAs(before);
    assertThat(servingVersion()).isEqualTo(1);
  }

  /**
   * An installed version's metrics as given, without the "index" entry the server adds to every
   * version (here: answered exactly, the demo catalogue being far below the index's size).
   */
  private static JsonNode given(JsonNode metrics) {
    assertThat(metrics.at("/index/servedBy").asText()).isEqualTo("exact");
    com.fasterxml.jackson.databind.node.ObjectNode copy = metrics.deepCopy();
    copy.remove("index");
    return copy;
  }
}
