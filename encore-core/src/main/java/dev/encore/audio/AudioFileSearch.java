package dev.encore.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns the paths a user names into the audio files to analyse: a file is taken as it is
 * (whatever its name, so a mislabelled file is reported rather than skipped); a folder is
 * searched recursively for the extensions in {@link #EXTENSIONS}, in path order so the result
 * does not depend on the file system's listing order. A path named twice is analysed once.
 */
public final class AudioFileSearch {
  /** The extensions of the containers Java Sound reads, compared case-insensitively. */
  public static final List<String> EXTENSIONS = List.of("wav", "wave", "aif", "aiff", "aifc", "au", "snd");

  /** The files found, and the named paths that do not exist (as {@code PATH: no such file or folder}). */
  public record Result(List<Path> files, List<String> missing) {
    public Result {
      files = List.copyOf(files);
      missing = List.copyOf(missing);
    }
  }

  private AudioFileSearch() {
  }

  public static Result find(List<Path> paths) throws IOException {
    Set<Path> files = new LinkedHashSet<>();
    List<String> missing = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile).filter(AudioFileSearch::hasAudioExtension).sorted()
              .forEach(file -> files.add(file.normalize()));
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      } else if (Files.exists(path)) {
        files.add(path.normalize());
      } else {
        missing.add(path + ": no such file or folder");
      }
    }
    return new Result(new ArrayList<>(files), missing);
  }

  /** A track's ID: its file name without the extension, {@code beat.wav} -> {@code beat}. */
  public static String trackId(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  static boolean hasAudioExtension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
