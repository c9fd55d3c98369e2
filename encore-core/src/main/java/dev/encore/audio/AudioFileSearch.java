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
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Turns the paths a user names into the audio files to analyse: a file is taken as it is
 * (whatever its name, so a mislabelled file is reported rather than skipped); a folder is
 * searched recursively for the extensions in {@link #EXTENSIONS}, in path order so the result
 * does not depend on the file system's listing order, and every other file found there is
 * reported as skipped with the reason, never left out silently. A path named twice is analysed once.
 */
public final class AudioFileSearch {
  /** The extensions of the formats {@link DecodedAudio} reads, compared case-insensitively. */
  public static final List<String> EXTENSIONS = List.of("wav", "wave", "aif", "aiff", "aifc", "au", "snd", "mp3",
      "flac", "ogg", "oga");

  /**
   * The files found; the named paths that do not exist (as {@code PATH: no such file or folder});
   * and the files inside the named folders that are not audio this reads, each with why.
   */
  public record Result(List<Path> files, List<String> missing, List<String> skipped) {
    public Result {
      files = List.copyOf(files);
      missing = List.copyOf(missing);
      skipped = List.copyOf(skipped);
    }
  }

  private AudioFileSearch() {
  }

  public static Result find(List<Path> paths) throws IOException {
    Set<Path> files = new LinkedHashSet<>();
    List<String> missing = new ArrayList<>();
    Set<Path> others = new TreeSet<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile).sorted().forEach(file -> {
            if (hasAudioExtension(file)) {
              files.add(file.normalize());
            } else {
              others.add(file.normalize());
            }
          });
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      } else if (Files.exists(path)) {
        files.add(path.normalize());
      } else {
        missing.add(path + ": no such file or folder");
      }
    }
    List<String> skipped = others.stream().filter(file -> !files.contains(file))
        .map(file -> file + ": skipped, " + extensionOf(file) + " is not a format this reads (" + String.join(", ",
            EXTENSIONS) + ")").toList();
    return new Result(new ArrayList<>(files), missing, skipped);
  }

  /** A track's ID: its file name without the extension, {@code beat.wav} -> {@code beat}. */
  public static String trackId(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static String extensionOf(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? "." + name.substring(dot + 1) : "a file without an extension";
  }

  static boolean hasAudioExtension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
