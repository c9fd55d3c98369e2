package dev.encore.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encore.index.IndexFile;
import dev.encore.index.IndexPolicy;
import dev.encore.model.FactorModel;
import dev.encore.store.StoredModelTrainer;
import dev.encore.store.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server told to index even the tiny demo catalogue: each version's index is built by its
 * training, saved beside its file, measured in its metrics, loaded again at a restart, and
 * answers the API unless a request asks for exact scoring.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class IndexServingTest extends ServedDemoFixture {
  @Override
  TestService startService() throws InterruptedException {
    return TestService.start(TestService.config(database, folder).withIndex(new IndexPolicy(0, 0.5)))
        .awaitFirstModel();
  }

  @Test
  void aVersionsIndexIsBuiltSavedMeasuredAndServes() {
    JsonNode version1 = http.get("/v1/models/1").json();
    JsonNode index = version1.at("/metrics/index");
    assertThat(index.get("servedBy").asText()).as(index.toString()).isEqualTo("index");
    assertThat(index.get("recommendationRecallAt10").asDouble()).isBetween(0.5, 1.0);
    assertThat(index.get("similarTracksRecallAt10").asDouble()).isBetween(0.5, 1.0);
    assertThat(index.get("lists").asInt()).isPositive();
    Path modelFile = modelFile(1);
    assertThat(IndexFile.forModel(modelFile)).isRegularFile();

    FactorModel model = model();
    assertThat(model.index()).isPresent();
    assertThat(model.exactBecause()).as(index.toString()).isNull();
    String user = model.users().idOf(0);
    JsonNode approximate = http.get("/v1/users/" + user + "/recommendations?n=5").json();
    JsonNode exact = http.get("/v1/users/" + user + "/recommendations?n=5&exact=true").json();
    assertThat(approximate.get("recommendations")).hasSize(5);
    assertThat(exact.get("recommendations")).hasSize(5);
    // The index scores exactly whatever it finds: a track both answers hold has the same score.
    for (JsonNode found : approximate.get("recommendations")) {
      for (JsonNode best : exact.get("recommendations")) {
        if (best.get("trackId").equals(found.get("trackId"))) {
          assertThat(found.get("score").floatValue()).isEqualTo(best.get("score").floatValue());
        }
      }
    }
    String track = model.items().idOf(0);
    assertThat(http.get("/v1/tracks/" + track + "/similar?n=5&exact=true").json().get("similar")).hasSize(5);
    assertThat(http.get("/v1/tracks/" + track + "/similar?n=5").json().get("similar")).hasSize(5);
  }

  @Test
  void aRestartLoadsTheSavedIndexAndDeletingTheVersionDeletesIt() throws Exception {
    Path modelFile = modelFile(1);
    Path indexFile = IndexFile.forModel(modelFile);
    long written = Files.getLastModifiedTime(indexFile).toMillis();
    ServerConfig config = service.server.config();
    service.close();
    service = TestService.start(config);
    http = service.http;
    assertThat(model().index()).as("loaded, not built again").isPresent();
    assertThat(Files.getLastModifiedTime(indexFile).toMillis()).isEqualTo(written);

    JsonNode job = service.awaitJob(http.post("/v1/models/train", "{\"factors\": 6}").location());
    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
    http.post("/v1/models/2/promote", "");
    assertThat(http.send("DELETE", "/v1/models/1", java.net.http.HttpRequest.BodyPublishers.noBody()).status())
        .isEqualTo(200);
    assertThat(indexFile).doesNotExist();
    assertThat(modelFile).doesNotExist();
  }

  private Path modelFile(long version) {
    return folder.resolve(StoredModelTrainer.MODELS_FOLDER).resolve("model-" + version + ".encore");
  }
}
