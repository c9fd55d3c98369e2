package dev.encore.bench;

import dev.encore.bench.load.HttpLoad;
import dev.encore.bench.load.LoadResult;
import dev.encore.server.EncoreServer;
import dev.encore.server.ServerConfig;
import dev.encore.synth.SynthConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code encore-bench load}: the service under HTTP load on loopback. Starts Encore's server on
 * the embedded database with a synthetic catalogue (imported and trained on first use, then
 * reused from the data folder), and drives one endpoint at a time with a closed-loop load
 * generator in the same JVM: requests per second and latency percentiles over random listeners
 * or tracks.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Serve a synthetic model with Encore's server and measure requests/s and latency under load.")
final class LoadCommand implements Callable<Integer> {
  @Option(names = "--tracks", description = "Tracks in the synthetic catalogue (default: ${DEFAULT-VALUE}).")
  int tracks = 50_000;

  @Option(names = "--listeners", description = "Synthetic listeners (default: ${DEFAULT-VALUE}).")
  int listeners = 20_000;

  @Option(names = "--plays", description = "Target synthetic plays (default: ${DEFAULT-VALUE}).")
  long plays = 1_000_000;

  @Option(names = "--connections", description = "Concurrent keep-alive connections (default: ${DEFAULT-VALUE}).")
  int connections = 16;

  @Option(names = "--warm-up", paramLabel = "SECONDS", description = "Unmeasured seconds first (default: ${DEFAULT-VALUE}).")
  int warmUpSeconds = 10;

  @Option(names = "--duration", paramLabel = "SECONDS", description = "Measured seconds per endpoint (default: ${DEFAULT-VALUE}).")
  int seconds = 30;

  @Option(names = "--strategies", split = ",", paramLabel = "S",
      description = "Recommendation strategies to load, one run each: als, popular, content, hybrid"
          + " (default: ${DEFAULT-VALUE}).")
  List<String> strategies = List.of("als");

  @Option(names = "--similar-by", split = ",", paramLabel = "BY",
      description = "Similar-track signals to load, one run each: cf, content, hybrid (default: ${DEFAULT-VALUE}).")
  List<String> similarBy = List.of("cf");

  @Option(names = "--n", description = "Recommendations or similar tracks per request (default: ${DEFAULT-VALUE}).")
  int count = 10;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Server data folder, reused between runs of the same shape (default: bench-data/load-<tracks>).")
  Path dataDir;

  @Option(names = "--json", description = "Print the results as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (connections < 1 || seconds < 1 || warmUpSeconds < 0) {
      throw new IllegalArgumentException("--connections and --duration must be >= 1, --warm-up >= 0");
    }
    Path directory = dataDir != null ? dataDir : Path.of("bench-data", "load-" + tracks);
    Files.createDirectories(directory);
    SynthConfig catalogue = SynthConfig.of(listeners, tracks, plays, Math.max(1, Math.min(24, tracks / 100)));
    ServerConfig config = ServerConfig.defaults(directory).withPort(0).withDemo(catalogue);
    System.err.printf(Locale.ROOT, "starting the server on %s (first run imports %,d plays and trains)%n",
        directory, plays);
    Map<String, LoadResult> results = new LinkedHashMap<>();
    try (EncoreServer server = EncoreServer.start(config)) {
      server.awaitTraining(Duration.ofHours(1));
      List<String> listenerIds = server.liveModel().snapshot().listeners().ids();
      List<String> trackIds = server.liveModel().snapshot().tracks().ids();
      URI base = URI.create("http://127.0.0.1:" + server.port());
      for (String strategy : strategies) {
        results.put(endpoint("recommendations", strategy, "als"), measure(new HttpLoad(base, (random, sent) ->
            "/v1/users/" + listenerIds.get(random.nextInt(listenerIds.size())) + "/recommendations?n=" + count
                + "&strategy=" + strategy)));
      }
      for (String by : similarBy) {
        results.put(endpoint("similarTracks", by, "cf"), measure(new HttpLoad(base, (random, sent) ->
            "/v1/tracks/" + trackIds.get(random.nextInt(trackIds.size())) + "/similar?n=" + count + "&by=" + by)));
      }
      print(results, server.liveModel().snapshot().tracks().size(), listenerIds.size());
    }
    long unsuccessful = results.values().stream().mapToLong(LoadResult::unsuccessful).sum();
    return unsuccessful == 0 ? 0 : 1;
  }

  /** The endpoint's name in the table: plain for the default strategy, the strategy in brackets otherwise. */
  private static String endpoint(String name, String strategy, String byDefault) {
    return strategy.equals(byDefault) ? name : name + " (" + strategy + ")";
  }

  private LoadResult measure(HttpLoad load) throws InterruptedException {
    return load.run(connections, Duration.ofSeconds(warmUpSeconds), Duration.ofSeconds(seconds), 42);
  }

  private void print(Map<String, LoadResult> results, int modelTracks, int modelListeners) {
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("machine", Machine.current());
      out.put("tracks", modelTracks);
      out.put("listeners", modelListeners);
      out.put("connections", connections);
      out.put("endpoints", results);
      System.out.println(BenchJson.write(out));
      return;
    }
    System.out.printf(Locale.ROOT, "%,d tracks, %,d listeners, %d connections, %d s measured after %d s warm-up%n",
        modelTracks, modelListeners, connections, seconds, warmUpSeconds);
    System.out.printf(Locale.ROOT, "%-26s %12s %10s %10s %10s %10s %10s %8s%n", "endpoint", "requests/s", "p50 ms",
        "p90 ms", "p99 ms", "p99.9 ms", "max ms", "non-2xx");
    results.forEach((endpoint, result) -> System.out.printf(Locale.ROOT,
        "%-26s %,12.0f %10.2f %10.2f %10.2f %10.2f %10.2f %8d%n", endpoint, result.requestsPerSecond(),
        result.p50Micros() / 1e3, result.p90Micros() / 1e3, result.p99Micros() / 1e3, result.p999Micros() / 1e3,
        result.maxMicros() / 1e3, result.unsuccessful()));
  }
}
