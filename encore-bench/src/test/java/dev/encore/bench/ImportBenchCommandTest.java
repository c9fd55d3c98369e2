package dev.encore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.synth.PlayGenerator;
import dev.encore.synth.SynthConfig;
import dev.encore.synth.TsvPlayWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImportBenchCommandTest {
  @TempDir
  Path folder;

  @Test
  void reportsEveryStepWithTheCountsItMeasured() throws Exception {
    Path plays = folder.resolve("plays.tsv");
    PlayGenerator generator = new PlayGenerator(SynthConfig.tiny());
    long rows;
    try (TsvPlayWriter writer = TsvPlayWriter.open(plays, generator)) {
      rows = generator.generate(writer);
    }
    CommandLine commandLine = BenchCommand.newCommandLine();
    StringWriter out = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));

    int exitCode = commandLine.execute("import", "--plays", plays.toString(), "--batch-size", "500");

    assertThat(exitCode).isZero();
    assertThat(out.toString())
        .contains("database: sqlite")
        .contains(String.format(java.util.Locale.ROOT, "(%,d plays added, 100 tracks created)", rows))
        .contains("(0 added)")
        .contains(String.format(java.util.Locale.ROOT, "(%,d listener-track pairs)", rows))
        .contains("aggregate: half-life");
  }
}
