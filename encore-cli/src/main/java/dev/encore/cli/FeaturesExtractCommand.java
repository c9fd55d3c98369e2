package dev.encore.cli;

import dev.encore.audio.AudioFeatureExtractor;
import dev.encore.audio.AudioFeatures;
import dev.encore.audio.AudioFileSearch;
import dev.encore.audio.BatchExtraction;
import dev.encore.concurrent.Workers;
import dev.encore.io.FeatureCsvWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code encore features extract}: measures audio files and writes their features as Encore's
 * track CSV. A file that fails is reported on one line and left out; the others are written,
 * and the exit code is 1 when any failed.
 */
@Command(name = "extract", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Extract audio features (MFCCs, tempo, energy, loudness, spectrum) from audio files into a track CSV.",
        "Reads WAV, AIFF and AU (PCM 8-32 bit or float, 4-768 kHz, channels mixed to mono). Track ID = file name without extension."})
final class FeaturesExtractCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH",
      description = "Audio files, or folders searched recursively for .wav, .wave, .aif, .aiff, .aifc, .au, .snd.")
  List<Path> paths;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Track CSV to write (default: ${DEFAULT-VALUE}).")
  Path output = Path.of("tracks.csv");

  @Option(names = "--genre", paramLabel = "TAG", split = ",",
      description = "Genre tag(s) for every extracted track (comma-separated or repeated).")
  List<String> genres = new ArrayList<>();

  @Option(names = "--mood", paramLabel = "TAG", split = ",",
      description = "Mood tag(s) for every extracted track (comma-separated or repeated).")
  List<String> moods = new ArrayList<>();

  @Option(names = "--threads", paramLabel = "N", description = "Files extracted at once (default: all cores).")
  int threads = Workers.defaultThreads();

  @Option(names = "--json", description = "Print the summary as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (threads < 1) {
      throw new IllegalArgumentException("--threads " + threads + " must be >= 1");
    }
    genres.forEach(tag -> FeatureCsvWriter.checkTag("--genre", tag));
    moods.forEach(tag -> FeatureCsvWriter.checkTag("--mood", tag));
    AudioFileSearch.Result found = AudioFileSearch.find(paths);
    if (found.files().isEmpty() && found.missing().isEmpty()) {
      throw new IllegalArgumentException("no audio files in " + paths + " (looked for " + String.join(", ",
          AudioFileSearch.EXTENSIONS) + ")" + (found.skipped().isEmpty() ? ""
              : "; skipped " + found.skipped().size() + " other files, the first " + found.skipped().get(0)));
    }

    List<BatchExtraction.Outcome> outcomes;
    try (ProgressBar bar = TrainingProgress.progressBar(System.err, "extract", found.files().size(), "files")) {
      outcomes = new BatchExtraction(new AudioFeatureExtractor(), threads).run(found.files(), bar::step);
    }
    List<String> failures = new ArrayList<>(found.missing());
    int written = write(outcomes, failures);

    PrintWriter err = spec.commandLine().getErr();
    found.skipped().forEach(skipped -> err.println(skipped));
    failures.forEach(failure -> err.println("failed: " + failure));
    err.flush();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("output", written > 0 ? output.toString() : null);
      summary.put("tracks", written);
      summary.put("failed", failures);
      summary.put("skipped", found.skipped());
      summary.put("features", AudioFeatures.NAMES);
      JsonOutput.print(out, summary);
    } else if (written > 0) {
      out.printf(Locale.ROOT, "wrote %,d track%s with %d features to %s%s%n", written, written == 1 ? "" : "s",
          AudioFeatures.NAMES.size(), output, (failures.isEmpty() ? "" : "; " + failures.size() + " failed (see above)")
              + (found.skipped().isEmpty() ? "" : "; " + found.skipped().size() + " other files skipped (see above)"));
    } else {
      out.printf(Locale.ROOT, "no track extracted: all %d failed (see above); %s not written%n", failures.size(), output);
    }
    out.flush();
    return failures.isEmpty() ? 0 : OneLineErrors.USER_ERROR;
  }

  /** Writes the tracks that succeeded (nothing at all when none did); adds the others to {@code failures}. */
  private int write(List<BatchExtraction.Outcome> outcomes, List<String> failures) throws IOException {
    int written = 0;
    boolean anySucceeded = outcomes.stream().anyMatch(BatchExtraction.Outcome::succeeded);
    if (!anySucceeded) {
      outcomes.forEach(outcome -> failures.add(outcome.failure()));
      return 0;
    }
    try (FeatureCsvWriter writer = FeatureCsvWriter.open(output, AudioFeatures.NAMES)) {
      for (BatchExtraction.Outcome outcome : outcomes) {
        if (outcome.succeeded()) {
          writer.writeTrack(outcome.trackId(), outcome.features().values(), genres, moods);
          written++;
        } else {
          failures.add(outcome.failure());
        }
      }
      writer.commit();
    }
    return written;
  }
}
