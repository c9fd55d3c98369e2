package dev.encore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.server.EncoreServer;
import dev.encore.server.ServerConfig;
import dev.encore.server.TrainingPlan;
import dev.encore.store.AutoTuning;
import dev.encore.store.PromotionPolicy;
import dev.encore.tune.AutoSettings;
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

  /** The server settings {@code encore serve ARGS} would start with. */
  private static ServerConfig config(String... args) {
    CommandLine root = EncoreCommand.newCommandLine();
    String[] line = new String[args.length + 1];
    line[0] = "serve";
    System.arraycopy(args, 0, line, 1, args.length);
    root.parseArgs(line);
    return ((ServeCommand) root.getSubcommands().get("serve").getCommand()).config();
  }

  @Test
  void settingsAreChosenAutomaticallyUnlessASearchedAlsOptionIsGiven() {
    TrainingPlan byDefault = config().training();
    assertThat(byDefault.auto()).isEqualTo(AutoTuning.within(AutoSettings.DEFAULT_BUDGET));
    assertThat(byDefault.als().computeLoss()).isTrue();
    assertThat(byDefault.halfLife()).isNull();
    assertThat(config("--iterations", "3").training().auto().enabled()).as("not a searched setting").isTrue();

    TrainingPlan explicit = config("--factors", "16", "--alpha0", "0.5").training();
    assertThat(explicit.auto()).isEqualTo(AutoTuning.OFF);
    assertThat(explicit.als().factors()).isEqualTo(16);
    assertThat(explicit.als().unobservedWeight()).isEqualTo(0.5f);

    TrainingPlan both = config("--factors", "16", "--auto", "--auto-budget", "5s").training();
    assertThat(both.auto()).isEqualTo(AutoTuning.within(Duration.ofSeconds(5)));
    assertThat(both.als().factors()).isEqualTo(16);
    assertThat(config("--no-auto").training().auto().enabled()).isFalse();
    assertThat(config("--half-life", "30d").training().halfLife()).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void promotionAndRetentionHaveDefaultsAndOptions() {
    assertThat(config().promotion()).isEqualTo(PromotionPolicy.defaults());
    assertThat(config().keepModels()).isEqualTo(ServerConfig.DEFAULT_KEEP_MODELS);
    ServerConfig given = config("--promotion-metric", "ndcg@10", "--promotion-tolerance", "0.1", "--keep-models", "3");
    assertThat(given.promotion()).isEqualTo(new PromotionPolicy("ndcg@10", 0.1));
    assertThat(given.keepModels()).isEqualTo(3);
  }

  @Test
  void aBadPromotionSettingIsOneLineNamingIt() {
    CliRun tolerance = CliRun.of("serve", "--promotion-tolerance", "1.5", "--data-dir", folder.toString());
    assertThat(tolerance.exitCode()).isEqualTo(1);
    assertThat(tolerance.err()).contains("promotion tolerance 1.5 must be in [0, 1)");
    CliRun keep = CliRun.of("serve", "--keep-models", "0", "--data-dir", folder.toString());
    assertThat(keep.exitCode()).isEqualTo(1);
    assertThat(keep.err()).contains("keepModels = 0 must be at least 1");
  }
}
