package dev.encore.audio;

import dev.encore.concurrent.Workers;
import dev.encore.io.FeatureCsvWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Extracts the features of many files on several threads, keeping every file's outcome: a bad
 * file is recorded with its reason and the others go on. Outcomes come back in the order of the
 * files given, whatever the thread count, so the output is reproducible.
 */
public final class BatchExtraction {
  /** One file's result: features with no failure, or a failure (one line, file named) and no features. */
  public record Outcome(Path file, String trackId, AudioFeatures features, String failure) {
    public boolean succeeded() {
      return failure == null;
    }
  }

  private final AudioFeatureExtractor extractor;
  private final int threads;

  public BatchExtraction(AudioFeatureExtractor extractor, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads " + threads + " must be >= 1");
    }
    this.extractor = extractor;
    this.threads = threads;
  }

  /**
   * Extracts every file; {@code onFileDone} runs once per file (from the worker threads, for a
   * progress bar). Before any audio is read, a file whose track ID cannot be written to Encore's
   * CSV, or repeats an earlier file's ID, is failed with that reason.
   */
  public List<Outcome> run(List<Path> files, Runnable onFileDone) {
    Outcome[] outcomes = new Outcome[files.size()];
    Map<String, Path> firstWithId = new HashMap<>();
    List<Integer> toExtract = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      String trackId = AudioFileSearch.trackId(file);
      String problem = idProblem(trackId);
      Path earlier = firstWithId.putIfAbsent(trackId, file);
      if (problem == null && earlier != null) {
        problem = "track ID '" + trackId + "' is already taken by " + earlier + "; rename one of the files";
      }
      if (problem != null) {
        outcomes[i] = new Outcome(file, trackId, null, file + ": " + problem);
        onFileDone.run();
      } else {
        toExtract.add(i);
      }
    }
    Workers.run(threads, toExtract.size(), task -> {
      int i = toExtract.get(task);
      outcomes[i] = extractOne(files.get(i));
      onFileDone.run();
    });
    return List.of(outcomes);
  }

  private Outcome extractOne(Path file) {
    String trackId = AudioFileSearch.trackId(file);
    try {
      return new Outcome(file, trackId, extractor.extract(file), null);
    } catch (AudioFileException e) {
      return new Outcome(file, trackId, null, e.getMessage());
    } catch (RuntimeException e) {
      // A bug on one file must not lose the others' work; the report names it for a bug report.
      return new Outcome(file, trackId, null, file + ": internal error: " + e);
    }
  }

  private static String idProblem(String trackId) {
    try {
      FeatureCsvWriter.checkTrackId(trackId);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage() + "; rename the file";
    }
  }
}
