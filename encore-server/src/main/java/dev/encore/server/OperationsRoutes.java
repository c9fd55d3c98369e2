package dev.encore.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.store.EncoreStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * What operators and tools read: liveness, readiness, Prometheus metrics and the OpenAPI
 * document. These are open even when reads are keyed, so probes and scrapers need no secret.
 */
final class OperationsRoutes {
  static final String OPENAPI_RESOURCE = "/openapi.json";

  private final EncoreStore store;
  private final LiveModel live;
  private final ServerMetrics metrics;
  private final ObjectNode openApi;

  OperationsRoutes(EncoreStore store, LiveModel live, ServerMetrics metrics, ObjectMapper mapper) {
    this.store = store;
    this.live = live;
    this.metrics = metrics;
    try {
      this.openApi = (ObjectNode) mapper.readTree(openApiDocument());
    } catch (IOException e) {
      throw new UncheckedIOException("the OpenAPI document " + OPENAPI_RESOURCE + " is not JSON: " + e.getMessage(), e);
    }
  }

  void register(Javalin app) {
    app.get("/health/live", ctx -> ctx.json(new Health("up", null, live.snapshot().modelVersion())));
    app.get("/health/ready", this::ready);
    app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
    app.get("/openapi.json", this::openApi);
  }

  /**
   * The document with {@code servers} set to where this request reached the server (its Host
   * header), so tools that read it call this server, behind whatever name or port it is reached.
   */
  private void openApi(Context ctx) {
    ObjectNode document = openApi.deepCopy();
    String host = ctx.host();
    ArrayNode servers = document.putArray("servers");
    servers.addObject().put("url", ctx.scheme() + "://" + (host == null || host.isBlank() ? "localhost" : host));
    ctx.json(document);
  }

  private void ready(Context ctx) {
    if (!store.isHealthy()) {
      ctx.status(503).json(new Health("down", "The database (" + store.vendor() + ") does not answer.",
          live.snapshot().modelVersion()));
      return;
    }
    ServingSnapshot snapshot = live.snapshot();
    String serving = snapshot.hasModel() ? "model version " + snapshot.modelVersion()
        : "popularity (no model trained yet)";
    ctx.json(new Health("ready", "Serving " + serving + " from " + store.vendor() + ".", snapshot.modelVersion()));
  }

  static byte[] openApiDocument() {
    try (InputStream in = OperationsRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the OpenAPI document " + OPENAPI_RESOURCE + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Health(String status, String detail, long modelVersion) {}
}
