package dev.encore.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImplicitRunTest {
  @TempDir
  Path folder;

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  @Test
  void anAbsentPeerFolderIsSkippedNamingTheStepAndTheFile() throws Exception {
    Path data = TinyData.write(folder);
    ChildRequest request = TinyData.settings().request(BenchedSystem.IMPLICIT, data, folder.resolve("work"));
    ImplicitRun run = new ImplicitRun(new ImplicitPeer(folder.resolve("no-such-peer")), quiet());

    assertThatThrownBy(() -> run.run(request))
        .isInstanceOf(PeerUnavailableException.class)
        .hasMessageContaining("finding the peer folder failed")
        .hasMessageContaining("no-such-peer/run.sh is missing");
  }

  @Test
  void aFailingBuildIsSkippedWithItsLog() throws Exception {
    Path peer = Files.createDirectories(folder.resolve("broken-peer"));
    for (String file : ImplicitPeer.FILES) {
      Files.writeString(peer.resolve(file), "#!/bin/sh\necho 'compiler exploded' >&2\nexit 3\n");
      peer.resolve(file).toFile().setExecutable(true);
    }
    assumeTrue(pythonWithNumpy(), "python3 with numpy and scipy is needed to reach the build step");
    Path data = TinyData.write(folder);
    ChildRequest request = TinyData.settings().request(BenchedSystem.IMPLICIT, data, folder.resolve("work"));

    PeerUnavailableException skipped = assertThrows(PeerUnavailableException.class,
        () -> new ImplicitRun(new ImplicitPeer(peer), quiet()).run(request));

    assertThat(skipped.step()).isEqualTo("building implicit (build.sh)");
    assertThat(skipped.getMessage()).contains("exited with 3", "build.log");
    assertThat(Files.readString(skipped.log())).contains("compiler exploded");
  }

  /** Runs the real peer on the tiny dataset: skipped where python3, numpy/scipy or the peer folder are missing. */
  @Test
  void implicitTrainsOnTheSameSplitAndReportsEveryComparedFigure() throws Exception {
    ImplicitPeer peer = new ImplicitPeer(ImplicitPeer.defaultFolder());
    assumeTrue(Files.isRegularFile(peer.runScript()), "implicit's peer folder is not at " + peer.folder());
    assumeTrue(pythonWithNumpy(), "python3 with numpy and scipy is not available");
    Path data = TinyData.writeSmall(folder);
    ChildRequest request = TinyData.settings().request(BenchedSystem.IMPLICIT, data, folder.resolve("work"));

    ChildFigures figures;
    try {
      figures = new ImplicitRun(peer, quiet()).run(request);
    } catch (PeerUnavailableException unavailable) {
      // A machine that cannot build the peer (no compiler, no Cython to install) skips it, as the harness does.
      assumeTrue(!unavailable.step().startsWith("building"), unavailable.getMessage());
      throw unavailable;
    }

    assertThat(figures.system()).isEqualTo(BenchedSystem.IMPLICIT);
    assertThat(figures.iterationSeconds()).hasSize(request.iterations());
    assertThat(figures.secondsPerIteration()).isPositive();
    assertThat(figures.recommendAllUsersPerSecond()).isPositive();
    assertThat(figures.similarAllItemsPerSecond()).isPositive();
    // Popular tracks alone score about 0.1 here, as in SparkRunTest; trained factors must do clearly better.
    assertThat(figures.precisionAt10()).isGreaterThan(0.1);
    assertThat(figures.recallAt10()).isPositive();
    HeldOutData split = HeldOutData.read(data, request.testFraction(), request.splitSeed());
    assertThat(figures.trainNnz()).isEqualTo(split.train().nnz());
  }

  @Test
  void tooFewUsersForTheDriversWarmUpIsSkippedBeforeItRuns() throws Exception {
    ImplicitPeer peer = new ImplicitPeer(ImplicitPeer.defaultFolder());
    assumeTrue(Files.isRegularFile(peer.runScript()), "implicit's peer folder is not at " + peer.folder());
    assumeTrue(pythonWithNumpy(), "python3 with numpy and scipy is not available");
    Path data = TinyData.write(folder);
    ChildRequest request = TinyData.settings().request(BenchedSystem.IMPLICIT, data, folder.resolve("work"));

    assertThatThrownBy(() -> new ImplicitRun(peer, quiet()).run(request))
        .isInstanceOf(PeerUnavailableException.class)
        .hasMessageContaining("at least 512 users");
  }

  private static boolean pythonWithNumpy() {
    try {
      Process python = new ProcessBuilder("python3", "-c", "import numpy, scipy").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return python.waitFor(60, TimeUnit.SECONDS) && python.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
