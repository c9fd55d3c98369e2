package dev.encore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encore.model.RecommendOptions;
import dev.encore.model.Recommendation;
import dev.encore.store.PlayEvent;
import dev.encore.store.Track;
import dev.encore.store.testing.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The service end to end over real HTTP, on SQLite and on a real PostgreSQL server. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ServiceTest extends ServedDemoFixture {
  private static List<String> trackIds(JsonNode recommendations) {
    List<String> ids = new ArrayList<>();
    recommendations.get("recommendations").forEach(track -> ids.add(track.get("trackId").asText()));
    return ids;
  }

  @Test
  void aNewListenersPlaysAreFoldedInForTheVeryNextRequest() {
    String model = model().users().idOf(7);
    assertThat(http.get("/v1/users/newcomer/recommendations").status()).isEqualTo(404);

    Http.Response posted = http.post("/v1/plays", service.copyOfPlays(model, "newcomer"));

    assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
    assertThat(posted.json().get("listeners").get(0).get("foldedIn").asBoolean()).isTrue();
    JsonNode answer = http.get("/v1/users/newcomer/recommendations?n=10").json();
    assertThat(answer.get("servedBy").asText()).isEqualTo("als");
    // Same plays, exact solver: fold-in reproduces the trained listener, so the same ranking.
    List<String> expected = model().recommend(model, 10, RecommendOptions.DEFAULT).stream()
        .map(Recommendation::itemId).toList();
    assertThat(trackIds(answer)).containsExactlyElementsOf(expected);
    assertThat(http.get("/v1/users/newcomer").json().get("foldedIn").asBoolean()).isTrue();
  }

  @Test
  void anExistingListenersNewPlaysChangeTheirRecommendations() {
    String userId = model().users().idOf(3);
    List<String> before = trackIds(http.get("/v1/users/" + userId + "/recommendations?n=5").json());
    String favourite = before.get(0);

    Http.Response posted = http.post("/v1/plays", "{\"userId\":\"" + userId + "\",\"trackId\":\"" + favourite
        + "\",\"playCount\":40,\"source\":\"test\"}");

    assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
    List<String> after = trackIds(http.get("/v1/users/" + userId + "/recommendations?n=5").json());
    assertThat(after).doesNotContain(favourite).isNotEqualTo(before);
    List<String> kept = trackIds(http.get("/v1/users/" + userId + "/recommendations?n=100&filterPlayed=false").json());
    assertThat(kept).contains(favourite);
    JsonNode plays = http.get("/v1/users/" + userId + "/plays?limit=1").json().get("plays");
    assertThat(plays.get(0).get("trackId").asText()).isEqualTo(favourite);
  }

  @Test
  void retrainingSwapsInANewModelVersion() throws InterruptedException {
    http.post("/v1/plays", service.copyOfPlays(model().users().idOf(0), "late-joiner"));
    assertThat(http.get("/v1/users/late-joiner").json().get("inModel").asBoolean()).isFalse();

    Http.Response started = http.post("/v1/models/train", "{\"iterations\": 3}");

    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    assertThat(started.location()).isEqualTo("/v1/models/jobs/" + started.json().get("id").asLong());
    JsonNode job = service.awaitJob(started.location());
    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
    assertThat(job.get("modelVersion").asLong()).isEqualTo(2);
    assertThat(job.get("loss")).hasSize(3);
    JsonNode models = http.get("/v1/models").json();
    assertThat(models.get("servingVersion").asLong()).isEqualTo(2);
    assertThat(models.get("models")).hasSize(2);
    JsonNode version2 = http.get("/v1/models/2").json();
    assertThat(version2.get("status").asText()).isEqualTo("ready");
    assertThat(version2.get("serving").asBoolean()).isTrue();
    assertThat(version2.get("trainingLoss")).hasSize(3);
    assertThat(version2.get("metrics").get("evaluated").asBoolean()).isTrue();
    assertThat(http.get("/v1/users/late-joiner/recommendations").json().get("modelVersion").asLong()).isEqualTo(2);
    assertThat(http.get("/v1/users/late-joiner").json().get("inModel").asBoolean()).isTrue();
  }

  @Test
  void modelSwapsUnderConcurrentReadsFailNoRequest() throws Exception {
    List<String> listeners = model().users().ids();
    AtomicBoolean swapping = new AtomicBoolean(true);
    AtomicInteger answered = new AtomicInteger();
    Map<Integer, Integer> failures = new ConcurrentHashMap<>();
    Set<Long> versionsSeen = ConcurrentHashMap.newKeySet();
    int readers = 4;
    CountDownLatch running = new CountDownLatch(readers);
    ExecutorService pool = Executors.newFixedThreadPool(readers);
    List<Future<?>> futures = new ArrayList<>();
    for (int reader = 0; reader < readers; reader++) {
      int offset = reader;
      futures.add(pool.submit(() -> {
        running.countDown();
        for (int i = offset; swapping.get() && i < 1_000_000; i += readers) {
          String userId = listeners.get(i % listeners.size());
          Http.Response response = http.get("/v1/users/" + userId + "/recommendations?n=20");
          if (response.status() == 200) {
            versionsSeen.add(response.json().get("modelVersion").asLong());
            answered.incrementAndGet();
          } else {
            failures.merge(response.status(), 1, Integer::sum);
          }
        }
      }));
    }
    running.await();
    for (int swap = 0; swap < 3; swap++) {
      Http.Response started = http.post("/v1/models/train", "");
      assertThat(started.status()).as(started.toString()).isEqualTo(202);
      assertThat(service.awaitJob(started.location()).get("state").asText()).isEqualTo("succeeded");
    }
    swapping.set(false);
    for (Future<?> future : futures) {
      future.get(1, TimeUnit.MINUTES);
    }
    pool.shutdown();

    assertThat(failures).as("non-200 answers by status").isEmpty();
    assertThat(answered.get()).isGreaterThan(20);
    assertThat(versionsSeen).contains(4L);
    assertThat(service.server.liveModel().snapshot().modelVersion()).isEqualTo(4);
  }

  @Test
  void explanationsAndNeighboursComeFromTheServingModel() {
    String userId = model().users().idOf(11);
    String trackId = trackIds(http.get("/v1/users/" + userId + "/recommendations?n=1").json()).get(0);

    JsonNode explanation = http.get("/v1/users/" + userId + "/recommendations/" + trackId + "/explanation?n=1000").json();

    double sum = 0;
    for (JsonNode part : explanation.get("contributions")) {
      sum += part.get("contribution").asDouble();
    }
    assertThat(sum).isCloseTo(explanation.get("score").asDouble(), org.assertj.core.api.Assertions.within(1e-6));
    assertThat(explanation.get("playedCount").asInt()).isEqualTo(model().played().rowLength(11));
    JsonNode similarTracks = http.get("/v1/tracks/" + trackId + "/similar?n=5").json();
    assertThat(similarTracks.get("similar")).hasSize(5);
    assertThat(similarTracks.get("similar").get(0).get("trackId").asText())
        .isEqualTo(model().similarItems(trackId, 1).get(0).itemId());
    JsonNode similarUsers = http.get("/v1/users/" + userId + "/similar?n=3").json();
    assertThat(similarUsers.get("similar")).hasSize(3);
    JsonNode popular = http.get("/v1/users/" + userId + "/recommendations?strategy=popular&n=3").json();
    assertThat(popular.get("servedBy").asText()).isEqualTo("popular");
  }

  @Test
  void contentAndHybridExplanationsReproduceTheScoresTheirStrategiesRankBy() {
    String userId = model().users().idOf(9);
    JsonNode content = http.get("/v1/users/" + userId + "/recommendations?strategy=content&n=3").json();
    for (JsonNode track : content.get("recommendations")) {
      String trackId = track.get("trackId").asText();
      JsonNode why = http.get("/v1/users/" + userId + "/recommendations/" + trackId + "/explanation?strategy=content&n=4")
          .json();
      assertThat(why.get("strategy").asText()).isEqualTo("content");
      assertThat(why.get("score").asDouble()).isCloseTo(track.get("score").asDouble(), within(1e-5));
      assertThat(why.get("features")).hasSizeLessThanOrEqualTo(4).isNotEmpty();
      assertThat(why.get("summary").asText()).isNotBlank();
    }
    JsonNode hybrid = http.get("/v1/users/" + userId + "/recommendations?strategy=hybrid&n=3").json();
    for (JsonNode track : hybrid.get("recommendations")) {
      String trackId = track.get("trackId").asText();
      JsonNode why = http.get("/v1/users/" + userId + "/recommendations/" + trackId + "/explanation?strategy=hybrid")
          .json();
      double sum = 0;
      for (JsonNode part : why.get("parts")) {
        sum += part.get("contribution").asDouble();
      }
      assertThat(why.get("parts").findValuesAsText("source")).containsExactly("als", "content", "popularity");
      assertThat(sum).isCloseTo(track.get("score").asDouble(), within(1e-4));
      assertThat(why.get("score").asDouble()).isCloseTo(sum, within(1e-9));
      JsonNode als = http.get("/v1/users/" + userId + "/recommendations/" + trackId + "/explanation").json();
      assertThat(why.at("/als/score").asDouble()).isEqualTo(als.get("score").asDouble());
      assertThat(why.at("/content/strategy").asText()).isEqualTo("content");
    }
    Http.Response wrong = http.get("/v1/users/" + userId + "/recommendations/" + trackIds(hybrid).get(0)
        + "/explanation?strategy=popular");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.json().get("message").asText()).contains("strategy").contains("als, content, hybrid");
  }

  @Test
  void aListenersPlaysCarryTrackNamesWhenAsked() {
    String userId = model().users().idOf(4);
    JsonNode plays = http.get("/v1/users/" + userId + "/plays?include=names&limit=5").json().get("plays");
    assertThat(plays).isNotEmpty();
    for (JsonNode play : plays) {
      Track stored = service.server.store().tracks().find(play.get("trackId").asText()).orElseThrow();
      assertThat(play.get("title").asText()).isEqualTo(stored.title());
      assertThat(play.get("artist").asText()).isEqualTo(stored.artist());
    }
    assertThat(http.get("/v1/users/" + userId + "/plays?limit=5").json().at("/plays/0").has("title")).isFalse();
  }

  @Test
  void tracksAndListenersCanBeAddedAndRead() {
    Http.Response added = http.post("/v1/tracks", "[{\"id\":\"fresh-1\",\"title\":\"Fresh\",\"artist\":\"New Band\","
        + "\"features\":{\"tempo\":121.5,\"energy\":0.8},\"genres\":[\"rock\"],\"moods\":[\"happy\"]}]");
    assertThat(added.status()).as(added.toString()).isEqualTo(200);
    JsonNode track = http.get("/v1/tracks/fresh-1").json();
    assertThat(track.get("title").asText()).isEqualTo("Fresh");
    assertThat(track.get("features").get("tempo").asDouble()).isEqualTo(121.5);
    assertThat(track.get("genres").get(0).asText()).isEqualTo("rock");
    assertThat(http.get("/v1/tracks?offset=0&limit=5").json().get("tracks")).hasSize(5);
    assertThat(http.get("/v1/tracks").json().get("total").asLong()).isEqualTo(101);

    assertThat(http.post("/v1/users", "{\"id\":\"quiet\"}").status()).isEqualTo(201);
    assertThat(http.post("/v1/users", "{\"id\":\"quiet\"}").status()).isEqualTo(200);
    // Known but with no plays: popular tracks, saying why.
    JsonNode cold = http.get("/v1/users/quiet/recommendations?n=3").json();
    assertThat(cold.get("servedBy").asText()).isEqualTo("popular");
    assertThat(cold.get("note").asText()).contains("quiet");
    // A play of a track the model does not know yet is stored, counted and ignored by fold-in.
    JsonNode stored = http.post("/v1/plays", "{\"userId\":\"quiet\",\"trackId\":\"fresh-1\"}").json();
    assertThat(stored.get("stored").asInt()).isEqualTo(1);
    assertThat(stored.get("unknownToModel").asInt()).isEqualTo(1);
    assertThat(stored.get("listeners").get(0).get("tracksNotInModel").asInt()).isEqualTo(1);
    assertThat(http.get("/v1/users/quiet/plays").json().get("plays")).hasSize(1);
    assertThat(http.get("/v1/users?limit=1000").json().get("users")).hasSizeGreaterThan(200);
  }

  @Test
  void includeNamesAddsTitleArtistAndTagsFromTheCatalogueAndNothingOtherwise() {
    String user = model().users().idOf(3);
    JsonNode named = http.get("/v1/users/" + user + "/recommendations?n=5&include=names").json();
    for (JsonNode track : named.get("recommendations")) {
      Track stored = service.server.store().tracks().find(track.get("trackId").asText()).orElseThrow();
      assertThat(track.get("title").asText()).isEqualTo(stored.title());
      assertThat(track.get("artist").asText()).isEqualTo(stored.artist());
      assertThat(track.get("genres").size()).isEqualTo(stored.genres().size());
    }
    JsonNode plain = http.get("/v1/users/" + user + "/recommendations?n=5").json();
    assertThat(plain.at("/recommendations/0").has("title")).isFalse();
    String first = named.at("/recommendations/0/trackId").asText();
    JsonNode similar = http.get("/v1/tracks/" + first + "/similar?n=3&include=names").json();
    assertThat(similar.at("/similar/0/title").asText()).isNotBlank();
    JsonNode why = http.get("/v1/users/" + user + "/recommendations/" + first + "/explanation?include=names").json();
    assertThat(why.at("/contributions/0/artist").asText()).isNotBlank();
    assertThat(http.get("/v1/users/" + user + "/recommendations?include=lyrics").status()).isEqualTo(400);
  }

  @Test
  void tracksAreFoundByTitleArtistOrTagAndListenersByTheirId() {
    Track any = service.server.store().tracks().list(0, 1).get(0);
    String artist = any.artist();
    JsonNode found = http.get("/v1/tracks?q=" + encode(artist.toUpperCase(Locale.ROOT)) + "&limit=500").json();
    assertThat(found.get("total").asLong()).isPositive();
    for (JsonNode track : found.get("tracks")) {
      assertThat(track.get("artist").asText() + " " + track.get("title").asText() + " " + track.get("genres")
          + track.get("moods")).containsIgnoringCase(artist);
    }
    assertThat(found.get("tracks").findValuesAsText("id")).contains(any.id());
    String listener = model().users().idOf(7);
    JsonNode listeners = http.get("/v1/users?q=" + encode(listener)).json();
    assertThat(listeners.get("users").findValuesAsText("id")).contains(listener);
    assertThat(http.get("/v1/tracks?q=").status()).isEqualTo(400);
    assertThat(http.get("/v1/users?q=" + "x".repeat(201)).status()).isEqualTo(400);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void operatorEndpointsAnswer() {
    http.get("/v1/users/" + model().users().idOf(0) + "/recommendations");
    assertThat(http.get("/health/live").status()).isEqualTo(200);
    JsonNode ready = http.get("/health/ready").json();
    assertThat(ready.get("status").asText()).isEqualTo("ready");
    Http.Response metrics = http.get("/metrics");
    assertThat(metrics.body()).contains("encore_http_requests_seconds_count{")
        .contains("route=\"/v1/users/{id}/recommendations\"").contains("encore_model_version");
    Http.Response dashboard = http.get("/");
    assertThat(dashboard.status()).isEqualTo(200);
    assertThat(dashboard.body()).contains("<title>Encore");
    assertThat(http.get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").status()).isEqualTo(200);
    JsonNode stats = http.get("/v1/stats").json();
    assertThat(stats.get("counts").get("tracks").asLong()).isEqualTo(100);
    assertThat(stats.get("topTracks")).hasSize(10);
    long daily = 0;
    LocalDate expectedDay = LocalDate.now(ZoneOffset.UTC).minusDays(29);
    for (JsonNode day : stats.get("playsPerDay")) {
      daily += day.get("plays").asLong();
      // Every day of the window, empty ones too; only today is still filling up.
      assertThat(day.get("day").asText()).isEqualTo(expectedDay.toString());
      assertThat(day.get("complete").asBoolean()).isEqualTo(!expectedDay.equals(LocalDate.now(ZoneOffset.UTC)));
      expectedDay = expectedDay.plusDays(1);
    }
    assertThat(stats.get("playsPerDay")).hasSize(30);
    long playCountSum = 0;
    for (String listener : model().users().ids()) {
      for (PlayEvent play : service.server.store().plays().forUser(listener, 10_000)) {
        playCountSum += play.playCount();
      }
    }
    assertThat(daily).isEqualTo(playCountSum);
    assertThat(http.get("/openapi.json").json().get("openapi").asText()).startsWith("3.");
  }
}
