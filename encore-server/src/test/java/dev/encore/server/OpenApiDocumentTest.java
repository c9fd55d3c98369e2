package dev.encore.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.store.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document served at /openapi.json stays true to the routes Javalin has registered and the strategies. */
class OpenApiDocumentTest {
  private static final Set<String> HTTP_METHODS = Set.of("get", "post", "put", "delete", "patch", "head", "options");

  @TempDir
  Path folder;

  @Test
  void documentsExactlyTheRegisteredRoutesAndWhichNeedTheKey() throws IOException, InterruptedException {
    JsonNode document = new ObjectMapper().readTree(OperationsRoutes.openApiDocument());
    Set<String> documented = new TreeSet<>();
    Set<String> documentedAsKeyed = new TreeSet<>();
    for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        if (HTTP_METHODS.contains(operation.getKey())) {
          String route = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
          documented.add(route);
          if (needsKey(operation.getValue())) {
            documentedAsKeyed.add(route);
          }
        }
      }
    }

    try (TestService service = TestService.start(TestService.config(TestDatabase.SQLITE, folder).withDemo(null))) {
      Set<String> registered = new TreeSet<>();
      Set<String> keyed = new TreeSet<>();
      for (EncoreServer.Route route : service.server.routes()) {
        registered.add(route.method() + " " + route.path());
        if (route.access() == Access.WRITE) {
          keyed.add(route.method() + " " + route.path());
        }
      }
      assertThat(registered).hasSizeGreaterThan(15);
      assertThat(documented).as("documented routes").containsExactlyElementsOf(registered);
      assertThat(documentedAsKeyed).as("routes documented as needing the key").containsExactlyElementsOf(keyed);
      ObjectNode served = (ObjectNode) service.http.get("/openapi.json").json();
      assertThat(served.at("/servers/0/url").asText()).as("where the request reached it")
          .isEqualTo(service.server.baseUri().toString());
      served.remove("servers");
      ((ObjectNode) document).remove("servers");
      assertThat(served).isEqualTo(document);
    }
  }

  @Test
  void documentsTheStrategiesTheServerOffersAndTheirParameters() throws IOException {
    JsonNode paths = new ObjectMapper().readTree(OperationsRoutes.openApiDocument()).get("paths");
    JsonNode recommendations = paths.get("/v1/users/{id}/recommendations").get("get").get("parameters");
    JsonNode similarTracks = paths.get("/v1/tracks/{id}/similar").get("get").get("parameters");

    assertThat(enumOf(recommendations, "strategy")).containsExactlyElementsOf(Strategies.recommendations().names());
    assertThat(enumOf(similarTracks, "by")).containsExactlyElementsOf(Strategies.similarTracks().names());
    assertThat(names(recommendations))
        .containsExactly("id", "n", "strategy", "filterPlayed", "exclude", "genre", "mood", "include", "exact");
  }

  private static List<String> names(JsonNode parameters) {
    List<String> names = new ArrayList<>();
    parameters.forEach(parameter -> names.add(parameter.get("name").asText()));
    return names;
  }

  private static List<String> enumOf(JsonNode parameters, String name) {
    List<String> values = new ArrayList<>();
    for (JsonNode parameter : parameters) {
      if (parameter.get("name").asText().equals(name)) {
        parameter.get("schema").get("enum").forEach(value -> values.add(value.asText()));
      }
    }
    return values;
  }

  /** Whether every security alternative of the operation needs the apiKey scheme. */
  private static boolean needsKey(JsonNode operation) {
    JsonNode security = operation.get("security");
    if (security == null || security.isEmpty()) {
      return false;
    }
    for (JsonNode alternative : security) {
      if (!alternative.has("apiKey")) {
        return false;
      }
    }
    return true;
  }

  @Test
  void everySchemaReferenceResolves() throws IOException {
    JsonNode document = new ObjectMapper().readTree(OperationsRoutes.openApiDocument());
    Set<String> references = new TreeSet<>();
    collectReferences(document, references);
    assertThat(references).isNotEmpty();
    for (String reference : references) {
      String name = reference.substring("#/components/schemas/".length());
      assertThat(document.get("components").get("schemas").has(name)).as(reference).isTrue();
    }
  }

  private static void collectReferences(JsonNode node, Set<String> references) {
    if (node.has("$ref")) {
      references.add(node.get("$ref").asText());
    }
    node.forEach(child -> collectReferences(child, references));
  }
}
