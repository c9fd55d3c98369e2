package dev.encore.cli;

import dev.encore.server.EncoreServer;
import dev.encore.server.ReadAccess;
import dev.encore.server.ServerConfig;
import dev.encore.server.TrainingPlan;
import dev.encore.store.AutoTuning;
import dev.encore.store.PromotionPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code encore serve}: the REST API, the live model and the dashboard over a database (SQLite in
 * the data directory unless {@code --db} names another, see {@link StoreOptions}), until stopped
 * with Ctrl-C.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run the Encore service: REST API, live model with fold-in and retraining, dashboard at /.")
final class ServeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--port", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port = ServerConfig.DEFAULT_PORT;

  @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on; 0.0.0.0 for every interface,"
      + " which also makes reads need the API key unless --open-reads (default: ${DEFAULT-VALUE}, this machine only).")
  String host = ServerConfig.DEFAULT_HOST;

  @Mixin
  ServerLimitsOptions limits = new ServerLimitsOptions();

  @Mixin
  StoreOptions store;

  @Option(names = "--api-key", description = "Key for writes in the X-API-Key header (default: $ENCORE_API_KEY, else"
      + " a random one saved in DIR/api-key).", defaultValue = "${env:ENCORE_API_KEY}")
  String apiKey;

  @Option(names = "--keyed-reads", description = "Reads need the API key too, even on loopback.")
  boolean keyedReads;

  @Option(names = "--open-reads", description = "Reads need no key even when --host reaches beyond this machine:"
      + " anyone who reaches the port can read every listener's plays.")
  boolean openReads;

  @Option(names = "--cors-origin", paramLabel = "ORIGIN", split = ",",
      description = "A web origin whose pages may call the API from a browser, e.g. https://app.example.com;"
          + " repeat or separate with commas; * for any (default: none).")
  List<String> corsOrigins = new ArrayList<>();

  @Option(names = "--max-body-bytes", paramLabel = "BYTES", description = "Largest request body (default: ${DEFAULT-VALUE}).")
  long maxBodyBytes = ServerConfig.DEFAULT_MAX_BODY_BYTES;

  @Option(names = "--retrain-every", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Retrain on this period, e.g. 30m, 6h, 1d; 0 retrains only on POST /v1/models/train (default: 0).")
  Duration retrainEvery = Duration.ZERO;

  @Option(names = "--demo", description = "When the database has no plays, import a synthetic catalogue"
      + " (--preset, default small) and train on it first.")
  boolean demo;

  @Mixin
  SynthOptions synth;

  @Option(names = "--half-life", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Weight each play by 0.5^(age / DURATION), ages measured when each training starts, e.g. 30d"
          + " or P30D; 0 sums the play counts (default: 0).")
  Duration halfLife = Duration.ZERO;

  @Option(names = "--promotion-metric", paramLabel = "METRIC",
      description = "Held-out metric a new model version must not lose on to go live: precision@10, ndcg@10, ...,"
          + " or epr (lower is better) (default: ${DEFAULT-VALUE}).")
  String promotionMetric = PromotionPolicy.DEFAULT_METRIC;

  @Option(names = "--promotion-tolerance", paramLabel = "SHARE",
      description = "A new version goes live unless its metric is worse than the serving one's by more than this"
          + " share of it, e.g. 0.02 for 2% (default: ${DEFAULT-VALUE}).")
  double promotionTolerance = PromotionPolicy.DEFAULT_TOLERANCE;

  @Option(names = "--keep-models", paramLabel = "N",
      description = "Keep the model files of the newest N versions (and the serving one); older files are deleted"
          + " (default: ${DEFAULT-VALUE}).")
  int keepModels = ServerConfig.DEFAULT_KEEP_MODELS;

  @Mixin
  AlsOptions als;

  @Mixin
  IndexOptions index;

  @Mixin
  AutoOptions auto;

  /** Released by the shutdown hook (Ctrl-C); tests release it themselves. */
  final CountDownLatch stop = new CountDownLatch(1);
  /** Hears the started server; tests use it to find the port. */
  Consumer<EncoreServer> started = server -> {};

  /**
   * How every training trains: the ALS options (where the search starts), chosen automatically
   * unless one of the settings the search chooses is given (or --no-auto), as {@code encore train}.
   */
  TrainingPlan trainingPlan() {
    AutoTuning tuning = auto.tuning(spec);
    return new TrainingPlan(als.toConfig().withComputeLoss(true), halfLife.isZero() ? null : halfLife, tuning);
  }

  /** The server's settings from the options. */
  ServerConfig config() {
    if (keyedReads && openReads) {
      throw new ParameterException(spec.commandLine(),
          "--keyed-reads and --open-reads contradict each other: give one");
    }
    ReadAccess reads = keyedReads ? ReadAccess.KEYED : openReads ? ReadAccess.OPEN : ReadAccess.AUTOMATIC;
    return limits.applyTo(ServerConfig.defaults(store.dataDirectory).withPort(port).withHost(host)
        .withStore(store.toConfig())
        .withApiKey(apiKey)
        .withReads(reads)
        .withCorsOrigins(corsOrigins).withMaxBodyBytes(maxBodyBytes).withRetrainEvery(retrainEvery)
        .withTraining(trainingPlan())
        .withPromotion(new PromotionPolicy(promotionMetric, promotionTolerance))
        .withKeepModels(keepModels)
        .withIndex(index.policy())
        .withDemo(demo ? synth.toConfig() : null));
  }

  @Override
  public Integer call() throws Exception {
    Path dataDirectory = store.dataDirectory;
    ServerConfig config = config();
    PrintWriter out = spec.commandLine().getOut();
    if (config.demo() != null) {
      out.printf("Importing the demo catalogue (%,d listeners x %,d tracks) unless the database has plays...%n",
          config.demo().listeners(), config.demo().tracks());
      out.flush();
    }
    try (EncoreServer server = EncoreServer.start(config)) {
      Thread hook = new Thread(stop::countDown, "encore-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      String key = apiKey != null ? "<the key given with --api-key or $ENCORE_API_KEY>" : "$(cat " + dataDirectory.resolve("api-key") + ")";
      out.printf("Encore is serving on %s (dashboard at /, API at /v1, OpenAPI at /openapi.json), listening on %s%n",
          server.baseUri(), config.host());
      out.printf("%s need the header X-API-Key: %s%n", server.keyedReads() ? "Reads and writes" : "Writes", key);
      out.println("Try: curl " + (server.keyedReads() ? "-H \"X-API-Key: " + key + "\" " : "") + "'"
          + server.baseUri() + "/v1/users?limit=3'    (Ctrl-C stops)");
      out.flush();
      started.accept(server);
      stop.await();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already exiting because of Ctrl-C; closing the server below is all that is left.
      }
    }
    return 0;
  }
}
