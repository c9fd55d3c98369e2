package dev.encore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.server.EncoreServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
  @TempDir
  Path folder;

  @Test
  void serveWithDemoImportsTrainsAndAnswers() throws Exception {
    CommandLine commandLine = EncoreCommand.newCommandLine();
    StringWriter out = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    ServeCommand serve = commandLine.getSubcommands().get("serve").getCommand();
    CompletableFuture<EncoreServer> started = new CompletableFuture<>();
    serve.started = started::complete;
    Path data = folder.resolve("data");
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute("serve", "--port", "0",
        "--data-dir", data.toString(), "--demo", "--preset", "tiny", "--factors", "8", "--iterations", "3",
        "--threads", "2", "--retrain-every", "1h"));

    EncoreServer server = started.get(2, TimeUnit.MINUTES);
    server.awaitTraining(Duration.ofMinutes(2));
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> recommendations = client.send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + server.port() + "/v1/users/u000/recommendations?n=3")).build(),
        HttpResponse.BodyHandlers.ofString());
    String key = Files.readString(data.resolve("api-key")).strip();
    HttpResponse<String> train = client.send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + server.port() + "/v1/models/train")).header("X-API-Key", key)
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    server.awaitTraining(Duration.ofMinutes(2));
    serve.stop.countDown();

    assertThat(exit.get(1, TimeUnit.MINUTES)).isZero();
    assertThat(recommendations.statusCode()).as(recommendations.body()).isEqualTo(200);
    assertThat(recommendations.body()).contains("\"servedBy\":\"als\"", "\"modelVersion\":1");
    assertThat(train.statusCode()).as(train.body()).isEqualTo(202);
    assertThat(out.toString()).contains("Encore is serving on http://localhost:", "X-API-Key");
    assertThat(Files.exists(data.resolve("encore.db"))).isTrue();
    assertThat(Files.exists(data.resolve("models").resolve("model-2.encore"))).isTrue();
  }

  @Test
  void aBadRetrainPeriodIsOneLine() {
    CliRun run = CliRun.of("serve", "--retrain-every", "soon", "--data-dir", folder.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'soon' is not a duration");
  }
}
