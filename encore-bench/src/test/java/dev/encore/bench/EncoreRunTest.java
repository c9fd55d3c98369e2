package dev.encore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncoreRunTest {
  @TempDir
  Path folder;

  @Test
  void encoreChildReportsEveryFigureOnTinyData() throws Exception {
    Path data = TinyData.write(folder);
    RunSettings settings = TinyData.settings();
    ChildRequest request = settings.request(BenchedSystem.ENCORE, data, folder.resolve("work"));
    Files.createDirectories(request.workFolder());

    ChildFigures figures = EncoreRun.run(request, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));
    SystemReport report = SystemReport.of(figures, settings, 160, 20e9);
    JsonNode json = BenchJson.MAPPER.readTree(BenchJson.write(report));

    for (String name : BenchReportTest.REQUIRED_FIGURES) {
      assertThat(json.has(name)).as(name).isTrue();
      assertThat(json.get(name).asDouble()).as(name).isPositive();
    }
    assertThat(figures.iterationSeconds()).hasSize(3);
    assertThat(figures.trainNnz() + figures.testNnz()).isGreaterThan(3000);
    assertThat(figures.recommendAllUsers()).isEqualTo(figures.trainUsers());
    assertThat(figures.recommendAllFiltersPlayed()).isTrue();
    assertThat(figures.evaluatedUsers()).isPositive();
  }

  @Test
  void encoreWrScalesTheRegularisationAndTheOthersDoNot() {
    RunSettings settings = TinyData.settings();
    Path data = Path.of("unused.tsv");

    assertThat(EncoreRun.config(settings.request(BenchedSystem.ENCORE_WR, data, folder)).scaleRegularization())
        .isTrue();
    assertThat(EncoreRun.config(settings.request(BenchedSystem.ENCORE, data, folder)).scaleRegularization())
        .isFalse();
  }

  @Test
  void childRequestsSurviveTheJsonRoundTrip() throws Exception {
    ChildRequest request = TinyData.settings().request(BenchedSystem.SPARK, folder.resolve("d.tsv"), folder);
    Path file = folder.resolve("request.json");

    BenchJson.write(request, file);

    assertThat(BenchJson.read(file, ChildRequest.class)).isEqualTo(request);
  }

  @Test
  void childCommandUsesTheSameJavaAndSparksModuleOpens() {
    ChildLauncher launcher = new ChildLauncher("3g", System.err);

    List<String> command = launcher.command(BenchedSystem.SPARK, folder.resolve("r.json"), folder.resolve("f.json"));

    assertThat(command.get(0)).isEqualTo(ChildLauncher.javaBinary());
    assertThat(command).contains("-Xmx3g", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", BenchChild.class.getName());
    assertThat(launcher.command(BenchedSystem.ENCORE, file("r"), file("f")))
        .doesNotContain("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED")
        .contains("jdk.incubator.vector");
  }

  private Path file(String name) {
    return folder.resolve(name);
  }
}
