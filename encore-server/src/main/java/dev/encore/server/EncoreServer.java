package dev.encore.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.store.EncoreStore;
import dev.encore.store.PlayAggregation;
import dev.encore.store.StoredModelTrainer;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Encore service: the store, the live model, background training and the HTTP API with its
 * dashboard, started together and closed together. {@link #start} returns once the server is
 * listening; with no trained model yet it serves popularity while a first model trains.
 */
public final class EncoreServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EncoreServer.class);
  /** The most of a listener's newest plays a fold-in reads. */
  static final int FOLD_IN_HISTORY = 50_000;
  /** The error recorded on a version found still training at start-up. */
  static final String UNFINISHED = "the server stopped (killed or crashed) while this version was training, so it"
      + " never finished; the serving model was not changed. Train again with POST /v1/models/train";

  private final ServerConfig config;
  private final DataDirectoryLock lock;
  private final EncoreStore store;
  private final LiveModel live;
  private final TrainingJobs jobs;
  private final ServerMetrics metrics;
  private final Javalin app;
  private final List<Route> routes;

  private EncoreServer(ServerConfig config, DataDirectoryLock lock, EncoreStore store, LiveModel live,
      TrainingJobs jobs, ServerMetrics metrics, Javalin app, List<Route> routes) {
    this.config = config;
    this.lock = lock;
    this.store = store;
    this.live = live;
    this.jobs = jobs;
    this.metrics = metrics;
    this.app = app;
    this.routes = routes;
  }

  /**
   * Locks the data directory (one server each), opens the store (migrating it), marks the
   * trainings a previous process left unfinished failed, loads the serving (or pinned) model
   * version, starts listening.
   */
  public static EncoreServer start(ServerConfig config) {
    boolean keyedReads = config.reads().keyed(config.host());
    DataDirectoryLock lock = DataDirectoryLock.acquire(config.dataDirectory());
    try {
      EncoreStore store = EncoreStore.open(config.store());
      try {
        return start(config, keyedReads, lock, store);
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static EncoreServer start(ServerConfig config, boolean keyedReads, DataDirectoryLock lock,
      EncoreStore store) {
    Clock clock = Clock.systemUTC();
    List<Long> unfinished = store.models().failUnfinished(UNFINISHED);
    if (!unfinished.isEmpty()) {
      LOG.warn("model versions {} were still training when the server last stopped: marked failed", unfinished);
    }
    if (config.demo() != null) {
      DemoData.importIfEmpty(store, config.demo(), clock);
    }
    String apiKey = ApiKeyGuard.resolveKey(config.apiKey(), config.dataDirectory());
    ServingSnapshot initial = ModelLifecycle.servedAtStart(store, config.index())
        .orElseGet(() -> popularityFromStore(store, config.training(), clock));
    LiveModel live = new LiveModel(initial, userId -> store.plays().forUser(userId, FOLD_IN_HISTORY),
        () -> store.tracks().features(), clock);
    ModelRetention retention = new ModelRetention(store, config.keepModels());
    retention.apply();
    ModelLifecycle lifecycle = new ModelLifecycle(store, live, retention, config.index());
    StoredModelTrainer trainer = new StoredModelTrainer(store, config.dataDirectory(), config.promotion(), config.index());
    TrainingJobs jobs = new TrainingJobs(ModelTraining.stored(store, trainer, clock), lifecycle, clock,
        config.trainingLimits().maxTrainingTime());
    ServerMetrics metrics = new ServerMetrics(live);
    ObjectMapper mapper = ServerJson.mapper();
    JsonBodies bodies = new JsonBodies(mapper, config.maxBodyBytes(), config.maxBatch());
    ApiKeyGuard guard = new ApiKeyGuard(apiKey, keyedReads);
    List<Route> routes = Collections.synchronizedList(new ArrayList<>());

    Javalin app = Javalin.create(javalin -> {
      javalin.showJavalinBanner = false;
      javalin.http.prefer405over404 = true;
      javalin.jsonMapper(new JavalinJackson(mapper, false));
      // Bodies are read by JsonBodies, which counts bytes as they arrive; this is the early check on Content-Length.
      javalin.http.maxRequestSize = config.maxBodyBytes();
      JsonErrorHandler httpErrors = new JsonErrorHandler(mapper);
      javalin.jetty.modifyServer(server -> server.setErrorHandler(httpErrors));
      javalin.jetty.modifyServletContextHandler(context -> {
        context.setErrorHandler(httpErrors);
        context.addFilter(new FilterHolder(new AliasPathFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
      });
      // Another spelling of a static file's path (an alias, such as "/index.html/") is approved:
      // read from a folder it redirects to the file, from the jar it is not found. Both folders
      // are on the classpath, inside Encore's own jars, so an alias can only name their files. Refused, by Jetty's default check or by one returning false,
      // it threw while Javalin looked up the route's roles, outside its error handling, and the
      // client got an empty 500 (found by HostileRequestsPropertyTest).
      javalin.staticFiles.add(files -> {
        files.hostedPath = "/";
        files.directory = "/dashboard";
        files.location = Location.CLASSPATH;
        files.aliasCheck = (path, resource) -> true;
      });
      javalin.staticFiles.add(files -> {
        files.hostedPath = "/webjars";
        files.directory = "META-INF/resources/webjars";
        files.location = Location.CLASSPATH;
        files.headers = java.util.Map.of("Cache-Control", "max-age=31622400");
        files.aliasCheck = (path, resource) -> true;
      });
      if (!config.corsOrigins().isEmpty()) {
        javalin.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
          if (config.corsOrigins().contains("*")) {
            rule.anyHost();
          } else {
            config.corsOrigins().forEach(origin -> rule.allowHost(origin));
          }
          rule.exposeHeader("Location");
        }));
      }
      javalin.requestLogger.http(metrics::recordRequest);
      javalin.events.handlerAdded(handler -> {
        if (handler.getHttpMethod().isHttpMethod()) {
          routes.add(new Route(handler.getHttpMethod().name(), handler.getPath(), handler.getRoles()
              .contains(Access.WRITE) ? Access.WRITE : handler.getRoles().contains(Access.READ) ? Access.READ : null));
        }
      });
    });
    app.beforeMatched(guard::check);
    ErrorResponses.register(app);
    new RecommendationRoutes(live, store, Strategies.recommendations(), Strategies.similarTracks()).register(app);
    new CatalogueRoutes(store, live, bodies, metrics, clock).register(app);
    ModelInstaller installer = new ModelInstaller(store, trainer, jobs, mapper);
    new ModelRoutes(store, live, jobs, installer, lifecycle, bodies, mapper, config).register(app);
    new DashboardRoutes(store, live, metrics, new DailyPlays(config.store(), clock)).register(app);
    new OperationsRoutes(store, live, metrics, mapper).register(app);

    EncoreServer server = new EncoreServer(config, lock, store, live, jobs, metrics, app, List.copyOf(routes));
    try {
      app.start(config.host(), config.port());
    } catch (RuntimeException e) {
      server.close();
      throw new IllegalStateException("cannot listen on " + config.host() + " port " + config.port() + ": "
          + e.getMessage(), e);
    }
    if (!initial.hasModel() && store.plays().count() > 0) {
      LOG.info("no ready model: serving popularity while a first model trains");
      jobs.trySubmit(config.training(), "startup");
    }
    if (!config.retrainEvery().isZero()) {
      jobs.retrainEvery(config.retrainEvery(), config.training());
    }
    LOG.info("Encore listening on {} port {} ({}, {}); {} need the API key{}", config.host(), app.port(),
        store.vendor(),
        initial.hasModel() ? "model version " + initial.modelVersion() : "popularity until a model is trained",
        keyedReads ? "reads and writes" : "writes",
        config.apiKey() == null ? " in " + config.dataDirectory().resolve(ApiKeyGuard.KEY_FILE) : "");
    return server;
  }

  private static ServingSnapshot popularityFromStore(EncoreStore store, TrainingPlan training, Clock clock) {
    Instant readAt = clock.instant();
    return ServingSnapshot.popularityOnly(store.plays().interactions(PlayAggregation.sum()), store.tracks().features(),
        training.als().confidence(), readAt);
  }

  /** The port it listens on (the one picked when configured with 0). */
  public int port() {
    return app.port();
  }

  /**
   * Where a client on this machine reaches it: {@code http://localhost:<port>} when it listens on
   * loopback or every interface, else {@code http://<host>:<port>}.
   */
  public URI baseUri() {
    String host = config.host();
    boolean local = ReadAccess.loopbackOnly(host) || ReadAccess.everyInterface(host);
    String authority = local ? "localhost" : host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return URI.create("http://" + authority + ":" + port());
  }

  /** Whether read requests need the API key, as {@link ServerConfig#reads()} decided for its host. */
  public boolean keyedReads() {
    return config.reads().keyed(config.host());
  }

  public ServerConfig config() {
    return config;
  }

  public EncoreStore store() {
    return store;
  }

  public LiveModel liveModel() {
    return live;
  }

  /** Every HTTP route registered, as Javalin reported them. */
  public List<Route> routes() {
    return routes;
  }

  /** Waits for the training job running now, if any, to finish (for tests and the demo). */
  public void awaitTraining(java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (jobs.active().isPresent()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("training did not finish within " + timeout);
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void close() {
    app.stop();
    jobs.close();
    metrics.close();
    store.close();
    lock.close();
  }

  /** One HTTP route: method, path template and what it needs (null: open to all). */
  public record Route(String method, String path, Access access) {}

}
