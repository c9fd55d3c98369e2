package dev.encore.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.encore.store.Listener;
import dev.encore.testing.FuzzOracles;
import dev.encore.store.StoreLimits;
import dev.encore.store.Track;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Fuzzes the request bodies of every write endpoint through what the route does with them before
 * the database ({@link JsonBodies}, the request records, the store's ID and size rules, the
 * training limits): each body is either accepted or refused with a client error (an
 * {@link ApiException} below 500, or an {@link IllegalArgumentException}, which the server
 * answers 400) whose message is words, not a Java class. Anything else would be a 500.
 */
class JsonBodiesFuzzTest {
  private static final JsonBodies BODIES = new JsonBodies(ServerJson.mapper(), ServerConfig.DEFAULT_MAX_BODY_BYTES,
      ServerConfig.DEFAULT_MAX_BATCH);
  private static final StoreLimits STORE_LIMITS = StoreLimits.defaults();
  private static final TrainingLimits TRAINING_LIMITS = TrainingLimits.defaults();
  private static final Instant RECEIVED_AT = Instant.parse("2026-12-03T12:00:00Z");

  @FuzzTest(maxDuration = "30s")
  void acceptsOrRefusesWithAClientError(FuzzedDataProvider data) {
    fuzzerTestOneInput(data);
  }

  /** The entry point of the standalone fuzzer ({@code bin/encore-fuzz}). */
  public static void fuzzerTestOneInput(FuzzedDataProvider data) {
    int endpoint = data.consumeInt(0, 4);
    byte[] body = data.consumeRemainingAsBytes();
    try {
      switch (endpoint) {
        case 0 -> PlayRequest.toEvents(BODIES.oneOrMany(body, PlayRequest.class), RECEIVED_AT)
            .forEach(STORE_LIMITS::check);
        case 1 -> BODIES.oneOrMany(body, Track.class).forEach(STORE_LIMITS::check);
        case 2 -> BODIES.oneOrMany(body, UserRequest.class).forEach(user -> {
          STORE_LIMITS.checkId(new Listener(user.id(), RECEIVED_AT).id(), "listener id");
        });
        case 3 -> TRAINING_LIMITS.check(BODIES.optional(body, TrainRequest.class, TrainRequest.NONE)
            .applyTo(TrainingPlan.defaults()));
        default -> BODIES.one(body, InstallRequest.class);
      }
    } catch (ApiException refused) {
      assertThat(refused.status()).as("status for a bad body: %s", refused.getMessage()).isBetween(400, 499);
      FuzzOracles.requireWords(refused, new String(body, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException refused) {
      FuzzOracles.requireWords(refused, new String(body, StandardCharsets.UTF_8));
    }
  }
}
