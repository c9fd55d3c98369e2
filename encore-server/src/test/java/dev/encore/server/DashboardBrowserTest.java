package dev.encore.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encore.store.PlayEvent;
import dev.encore.store.Track;
import dev.encore.store.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every dashboard page in a real headless Chromium over a served demo: what the page shows is read
 * from its DOM (and, for the charts, from the uPlot instances it drew) after the charts are drawn,
 * checked against the API, and each page is saved as a screenshot under
 * {@code target/screenshots}. Chromium comes from Debian's {@code chromium} and
 * {@code chromium-driver} packages, which {@code .ci/run} installs; without them the test is
 * skipped with a message, unless {@code ENCORE_REQUIRE_BROWSER} is set (as CI sets it), when it fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  /** Wide enough that the y axis must grow past uPlot's fixed 50 px: "25,000" and more. */
  private static final int BIG_PLAY_COUNT = 25_000;

  @TempDir
  static Path folder;

  private TestService service;
  private ChromeDriver browser;
  private WebDriverWait wait;

  @BeforeAll
  void start() throws InterruptedException, IOException {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!installed && System.getenv("ENCORE_REQUIRE_BROWSER") != null) {
      throw new AssertionError("ENCORE_REQUIRE_BROWSER is set but " + CHROMIUM + " or " + CHROMEDRIVER
          + " is missing: apt-get install -y chromium chromium-driver");
    }
    Assumptions.assumeTrue(installed, "headless Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER
        + "); apt-get install -y chromium chromium-driver to run the dashboard's browser tests");
    service = TestService.startExact(TestDatabase.SQLITE, folder);
    String listener = service.model().users().idOf(0);
    String track = service.model().items().idOf(0);
    Instant yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).atStartOfDay(ZoneOffset.UTC).plusSeconds(3600)
        .toInstant();
    assertThat(service.http.post("/v1/plays", "{\"userId\":\"" + listener + "\",\"trackId\":\"" + track
        + "\",\"playCount\":" + BIG_PLAY_COUNT + ",\"playedAt\":\"" + yesterday + "\"}").status()).isEqualTo(200);
    Files.createDirectories(SCREENSHOTS);
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toString()).addArguments("--headless=new",
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--window-size=1400,1800",
        "--user-data-dir=" + Files.createTempDirectory(folder, "chromium"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .build(), options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.close();
    }
  }

  @Test
  void theHomePageDrawsPlaysPerDayWithTodayApartAndAxesWideEnoughForTheirLabels() throws IOException {
    open("/");
    awaitChart("playsChart");
    awaitChart("lossChart");
    wait.until(d -> !text("listeners").equals("-") && rows("models").size() == 1);

    JsonNode stats = service.http.get("/v1/stats").json();
    assertThat(text("listeners")).isEqualTo(String.format(java.util.Locale.US, "%,d", stats.at("/counts/listeners").asLong()));
    assertThat(text("plays")).isEqualTo(String.format(java.util.Locale.US, "%,d", stats.at("/counts/plays").asLong()));
    Map<String, Object> plays = chartData("playsChart");
    List<?> complete = (List<?>) plays.get("series1");
    List<?> today = (List<?>) plays.get("series2");
    assertThat(complete).hasSize(30);
    assertThat(complete.get(29)).as("today is not drawn as a complete day").isNull();
    assertThat(((Number) complete.get(28)).longValue()).isGreaterThanOrEqualTo(BIG_PLAY_COUNT);
    assertThat(today.get(29)).isNotNull();
    assertThat(today.subList(0, 29)).as("only today is drawn apart").containsOnlyNulls();
    assertThat(plays.get("label2")).isEqualTo("today so far");
    for (String chart : List.of("playsChart", "lossChart")) {
      Map<String, Object> axis = yAxis(chart);
      assertThat(((Number) axis.get("size")).doubleValue()).as(chart + " y axis " + axis)
          .isGreaterThanOrEqualTo(((Number) axis.get("needed")).doubleValue());
    }
    assertThat((String) yAxis("playsChart").get("longest")).as("tick labels are grouped").contains(",");
    assertThat(rows("models").get(0).getText()).contains("ready");
    assertThat(rows("topTracks")).hasSize(10);
    screenshot("dashboard");
    assertNoScriptErrors();
  }

  @Test
  void everyStrategyOnTheHomePageAnswersWhy() throws IOException {
    open("/");
    String userId = service.model().users().idOf(5);
    for (String strategy : List.of("als", "content", "hybrid")) {
      WebElement user = browser.findElement(By.id("userId"));
      user.clear();
      user.sendKeys(userId);
      new Select(browser.findElement(By.id("strategy"))).selectByValue(strategy);
      browser.findElement(By.cssSelector("#tryForm button[type=submit]")).click();
      wait.until(d -> text("tryNote").startsWith("Served by " + strategy) && rows("tryResult").size() == 10);
      rows("tryResult").get(0).findElement(By.cssSelector("button.link")).click();
      wait.until(d -> strategy.equals(browser.findElement(By.id("explanation")).getDomAttribute("data-strategy")));
      assertThat(text("explanation")).startsWith("Why ").contains("(" + strategy + ")");
    }
    assertThat(text("explanation")).contains("als +", "content ", "popularity ");
    screenshot("dashboard-why");
    assertNoScriptErrors();
  }

  @Test
  void theListenerPageShowsHistoryBesideThreeStrategiesEachExplained() throws IOException {
    String userId = service.model().users().idOf(0);
    open("/listener.html?id=" + userId);
    wait.until(d -> rows("alsRecommendations").size() == 10 && rows("contentRecommendations").size() == 10
        && rows("hybridRecommendations").size() == 10 && !rows("history").isEmpty());
    awaitChart("historyChart");

    List<PlayEvent> stored = service.server.store().plays().forUser(userId, 1000);
    assertThat(rows("history")).hasSize(stored.size());
    Track newest = service.server.store().tracks().find(stored.get(0).trackId()).orElseThrow();
    assertThat(rows("history").get(0).getText()).contains(newest.id(), newest.title(), newest.artist());
    JsonNode als = service.http.get("/v1/users/" + userId + "/recommendations?n=10").json();
    assertThat(cellTexts("alsRecommendations", 1)).containsExactlyElementsOf(
        als.get("recommendations").findValuesAsText("trackId"));
    for (String strategy : List.of("als", "content", "hybrid")) {
      rows(strategy + "Recommendations").get(0).findElement(By.cssSelector("button.link")).click();
      wait.until(d -> strategy.equals(browser.findElement(By.id("explanation")).getDomAttribute("data-strategy")));
    }
    assertThat(rows("similarListeners")).hasSize(10);
    Map<String, Object> axis = yAxis("historyChart");
    assertThat(((Number) axis.get("size")).doubleValue()).isGreaterThanOrEqualTo(((Number) axis.get("needed")).doubleValue());
    screenshot("listener");
    assertNoScriptErrors();
  }

  @Test
  void searchLeadsToATrackPageWithSimilarTracksByListenersSoundAndBoth() throws IOException {
    Track wanted = service.server.store().tracks().list(0, 1).get(0);
    open("/");
    search("tracks", wanted.title().toUpperCase(java.util.Locale.ROOT));
    wait.until(d -> !browser.findElements(By.cssSelector("#searchResults li a")).isEmpty());
    browser.findElements(By.cssSelector("#searchResults li a")).stream()
        .filter(a -> a.getDomAttribute("href").endsWith("id=" + wanted.id())).findFirst().orElseThrow().click();
    wait.until(d -> rows("cfSimilar").size() == 10 && rows("contentSimilar").size() == 10
        && rows("hybridSimilar").size() == 10 && !rows("features").isEmpty());

    assertThat(text("trackTitle")).contains(wanted.title(), wanted.artist(), wanted.id());
    assertThat(rows("features")).hasSize(wanted.features().size());
    JsonNode content = service.http.get("/v1/tracks/" + wanted.id() + "/similar?by=content&n=10").json();
    assertThat(cellTexts("contentSimilar", 1)).containsExactlyElementsOf(content.get("similar").findValuesAsText("trackId"));
    screenshot("track");

    String listener = service.model().users().idOf(3);
    search("users", listener);
    wait.until(d -> !browser.findElements(By.cssSelector("#searchResults li a")).isEmpty());
    browser.findElement(By.linkText(listener)).click();
    wait.until(d -> text("listenerTitle").equals("Listener " + listener));
    assertNoScriptErrors();
  }

  private void open(String path) {
    browser.get(service.server.baseUri().resolve(path).toString());
  }

  private void search(String kind, String query) {
    new Select(browser.findElement(By.id("searchKind"))).selectByValue(kind);
    WebElement box = browser.findElement(By.id("searchQuery"));
    box.clear();
    box.sendKeys(query);
    browser.findElement(By.cssSelector("#searchForm button")).click();
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private List<WebElement> rows(String tableId) {
    return browser.findElements(By.cssSelector("#" + tableId + " tbody tr"));
  }

  private List<String> cellTexts(String tableId, int column) {
    return rows(tableId).stream().map(row -> row.findElements(By.tagName("td")).get(column).getText()).toList();
  }

  private void awaitChart(String holderId) {
    wait.until(d -> Boolean.TRUE.equals(script("return !!(window.Encore && Encore.charts['" + holderId + "'])")));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> chartData(String holderId) {
    return (Map<String, Object>) script("const u = Encore.charts['" + holderId + "'];"
        + "return {series1: u.data[1], series2: u.data[2], label2: u.series[2] && u.series[2].label};");
  }

  /** The y axis as drawn: its width and the width its longest tick label needs in the axis font. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> yAxis(String holderId) {
    return (Map<String, Object>) script("const u = Encore.charts['" + holderId + "']; const a = u.axes[1];"
        + "const labels = (a._values || []).map(String);"
        + "const longest = labels.reduce((x, v) => v.length > x.length ? v : x, '');"
        + "u.ctx.font = a.font[0];"
        + "return {size: a._size, longest: longest,"
        + " needed: u.ctx.measureText(longest).width / devicePixelRatio + a.ticks.size + a.gap};");
  }

  private Object script(String code) {
    return ((JavascriptExecutor) browser).executeScript(code);
  }

  private void screenshot(String name) throws IOException {
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    assertThat(png).hasSizeGreaterThan(10_000);
    Files.write(SCREENSHOTS.resolve(name + ".png"), png);
  }

  /** The page raised no script error and no request failed (the browser's own favicon request aside). */
  private void assertNoScriptErrors() {
    List<String> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage).filter(message -> !message.contains("favicon.ico")).toList();
    assertThat(severe).isEmpty();
  }
}
