package dev.encore.server;

import dev.encore.als.AlsConfig;
import dev.encore.index.IndexPolicy;
import dev.encore.store.PromotionPolicy;
import dev.encore.store.StoreConfig;
import dev.encore.synth.SynthConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Every setting of the server; the README's "Service" table lists them with their defaults.
 *
 * @param port TCP port; 0 picks a free one ({@link EncoreServer#port()} says which)
 * @param host the address to listen on: loopback by default, so nothing off this machine can
 *     reach the server until it is widened on purpose ({@code 0.0.0.0} for every interface)
 * @param dataDirectory where model files (and the default SQLite database and API key) live
 * @param store the database
 * @param apiKey the key write and admin requests must send as {@code X-API-Key}; null means the
 *     server uses the key saved in {@code <dataDirectory>/api-key}, creating one the first time
 * @param reads whether read requests need the key too; {@link ReadAccess#AUTOMATIC} keys them
 *     when the server listens beyond loopback
 * @param maxBodyBytes the largest request body accepted (413 above it)
 * @param retrainEvery retrain on this period; {@link Duration#ZERO} retrains only on demand
 * @param training how every training run trains unless a request overrides it
 * @param promotion when a new version replaces the serving one
 * @param keepModels how many of the newest versions keep their model files (the serving one always does)
 * @param demo when not null and the database has no plays, import this synthetic catalogue first
 * @param maxBatch the most items one batch request (plays, tracks, users) may carry (413 above it)
 * @param trainingLimits the largest training a request may ask for, and how long a run may take
 * @param corsOrigins the web origins ({@code https://app.example.com}, or {@code *} for any) whose
 *     pages may call the API from a browser; empty, the default, allows none but the server's own
 * @param index when a model gets an approximate index for recommendations and similar tracks, and
 *     when that index may answer
 */
public record ServerConfig(int port, String host, Path dataDirectory, StoreConfig store, String apiKey,
    ReadAccess reads,
    long maxBodyBytes, Duration retrainEvery, TrainingPlan training, PromotionPolicy promotion, int keepModels,
    SynthConfig demo, int maxBatch, TrainingLimits trainingLimits, List<String> corsOrigins, IndexPolicy index) {

  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_HOST = "127.0.0.1";
  private static final Pattern ORIGIN = Pattern.compile("https?://[^/:?#\\s]+(:\\d{1,5})?");
  public static final long DEFAULT_MAX_BODY_BYTES = 4L << 20;
  public static final int DEFAULT_KEEP_MODELS = 5;
  public static final int DEFAULT_MAX_BATCH = 10_000;

  public ServerConfig {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(reads, "reads");
    require(host != null && !host.isBlank(), "host", host, "must name an address to listen on");
    Objects.requireNonNull(retrainEvery, "retrainEvery");
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(promotion, "promotion");
    require(port >= 0 && port <= 65535, "port", port, "must be in 0..65535");
    require(maxBodyBytes >= 1024, "maxBodyBytes", maxBodyBytes, "must be at least 1024");
    require(!retrainEvery.isNegative() && (retrainEvery.isZero() || retrainEvery.toSeconds() >= 1),
        "retrainEvery", retrainEvery, "must be zero (off) or at least one second");
    require(apiKey == null || apiKey.length() >= 8, "apiKey", "(hidden)", "must have at least 8 characters");
    require(keepModels >= 1, "keepModels", keepModels, "must be at least 1");
    require(maxBatch >= 1, "maxBatch", maxBatch, "must be at least 1");
    Objects.requireNonNull(trainingLimits, "trainingLimits");
    Objects.requireNonNull(index, "index");
    corsOrigins = List.copyOf(corsOrigins);
    for (String origin : corsOrigins) {
      require(origin.equals("*") || ORIGIN.matcher(origin).matches(), "corsOrigins", origin,
          "must be * or an origin such as https://app.example.com or http://localhost:3000 (scheme, host,"
              + " optional port)");
    }
  }

  private static void require(boolean holds, String setting, Object value, String rule) {
    if (!holds) {
      throw new IllegalArgumentException("server setting " + setting + " = " + value + " " + rule);
    }
  }

  /**
   * Port 8080 on 127.0.0.1 with open reads, no CORS, SQLite in {@code dataDirectory}, a saved key,
   * 4 MiB bodies, no schedule, settings
   * chosen automatically (with the loss), precision@10 within 2% to promote, five model files kept.
   */
  public static ServerConfig defaults(Path dataDirectory) {
    return new ServerConfig(DEFAULT_PORT, DEFAULT_HOST, dataDirectory, StoreConfig.sqlite(dataDirectory), null,
        ReadAccess.AUTOMATIC,
        DEFAULT_MAX_BODY_BYTES, Duration.ZERO, TrainingPlan.defaults(), PromotionPolicy.defaults(),
        DEFAULT_KEEP_MODELS, null, DEFAULT_MAX_BATCH, TrainingLimits.defaults(), List.of(), IndexPolicy.DEFAULT);
  }

  public ServerConfig withPort(int value) {
    return new ServerConfig(value, host, dataDirectory, store, apiKey, reads, maxBodyBytes, retrainEvery, training,
        promotion, keepModels, demo, maxBatch, trainingLimits, corsOrigins, index);
  }

  public ServerConfig withHost(String value) {
    return new ServerConfig(port, value, dataDirectory, store, apiKey, reads, maxBodyBytes, retrainEvery, training,
        promotion, keepModels, demo, maxBatch, trainingLimits, corsOrigins, index);
  }

  public ServerConfig withStore(StoreConfig value) {
    return new ServerConfig(port, host, dataDirectory, value, apiKey, reads, maxBodyBytes, retrainEvery, training,
        promotion, keepModels, demo, maxBatch, trainingLimits, corsOrigins, index);
  }

  public ServerConfig withApiKey(String value) {
    return new ServerConfig(port, host, dataDirectory, store, value, reads, maxBodyBytes, retrainEvery, training,
        promotion, keepModels, demo, maxBatch, trainingLimits, corsOrigins, index);
  }

  public ServerConfig withReads(ReadAccess value) {
    return new ServerConfig(port, host, dataDirectory, store, apiKey, value, maxBodyBytes, retrainEvery, training,
        promotion, keepModels, demo, maxBatch, trainingLimits, corsOrigins, index);
  }

  public ServerConfig withMaxBodyBytes(long value) {
    return new ServerConfig(port, host, dataDirectory, store, apiKey, reads, value, retrainEvery, training,
        promotion, keepModels, demo, maxBatch, trainingLimits, corsOrigins, index);
  }

  public ServerConfig withRetrainEvery(Duration value) {
    return new ServerConfig(port, host, dataDirectory, store, apiKey, reads, maxBodyBytes, value, training,
        promotion, keepModels, demo, maxBatch, trainingLimits, corsOrigins, index);
  }

  public ServerConfig withTraining(TrainingPlan value) {
    return new ServerConfig(port, host, dataDirectory, store, apiKey, reads, maxBodyBytes, retrainEvery, value,
        promotion, keepModels, demo, maxBatch, trainingLimits, corsOrigins, index);
  }

  /** Trains with exactly {@code value}: no automatic choice, summed play counts. */
  public ServerConfig withTraining(AlsConfig value) {
    return withTraining(TrainingPlan.exactly(value));
  }

  public ServerConfig withPromotion(PromotionPolicy value) {
    return new ServerConfig(port, host, dataDirectory, store, apiKey, reads, maxBodyBytes, retrainEvery, training,
        value, keepModels, demo, maxBatch, trainingLimits, corsOrigins, index);
  }

  public ServerConfig withKeepModels(int value) {
    return new ServerConfig(port, host, dataDirectory, store, apiKey, reads, maxBodyBytes, retrainEvery, training,
        promotion, value, demo, maxBatch, trainingLimits, corsOrigins, index);
  }

  public ServerConfig withMaxBatch(int value) {
    return new ServerConfig(port, host, dataDirectory, store, apiKey, reads, maxBodyBytes, retrainEvery, training,
        promotion, keepModels, demo, value, trainingLimits, corsOrigins, index);
  }

  public ServerConfig withTrainingLimits(TrainingLimits value) {
    return new ServerConfig(port, host, dataDirectory, store, apiKey, reads, maxBodyBytes, retrainEvery, training,
        promotion, keepModels, demo, maxBatch, value, corsOrigins, index);
  }

  public ServerConfig withCorsOrigins(List<String> value) {
    return new ServerConfig(port, host, dataDirectory, store, apiKey, reads, maxBodyBytes, retrainEvery, training,
        promotion, keepModels, demo, maxBatch, trainingLimits, value, index);
  }

  public ServerConfig withDemo(SynthConfig value) {
    return new ServerConfig(port, host, dataDirectory, store, apiKey, reads, maxBodyBytes, retrainEvery, training,
        promotion, keepModels, value, maxBatch, trainingLimits, corsOrigins, index);
  }

  @Override
  public String toString() {
    return "ServerConfig[" + host + ":" + port + ", data " + dataDirectory + ", " + store + ", key "
        + (apiKey == null ? "saved in the data directory" : "given") + ", reads " + reads
        + ", body limit " + maxBodyBytes + ", retrain every " + retrainEvery + ", " + training + ", " + promotion
        + ", keep " + keepModels + " model files, batches up to " + maxBatch + ", " + trainingLimits
        + (corsOrigins.isEmpty() ? "" : ", CORS for " + corsOrigins) + "]";
  }

  public ServerConfig withIndex(IndexPolicy value) {
    return new ServerConfig(port, host, dataDirectory, store, apiKey, reads, maxBodyBytes, retrainEvery, training,
        promotion, keepModels, demo, maxBatch, trainingLimits, corsOrigins, value);
  }
}
