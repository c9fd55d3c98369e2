package dev.encore.io;

import dev.encore.content.FeatureTable;
import dev.encore.content.StandardFeatures;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Writes tracks in Encore's track CSV: UTF-8, comma-separated, the header
 * {@code track,genre,mood,<features>}, one line per track. Several genre or mood tags are joined
 * with {@code |}; a missing feature value (NaN) is an empty cell, never 0. Features go out with
 * the standard names first, in {@link StandardFeatures#NAMES} order, then the extras in the
 * order given. Numbers are written by {@link Float#toString}, which reads back to the same float.
 *
 * <p>Fields are never quoted, so a track ID, tag or feature name that holds a comma, a double
 * quote, a line break or surrounding spaces (or a tag that holds {@code |}) is refused with the
 * track and field named, instead of writing a file that reads back differently.
 *
 * <p>Lines go to a temporary file beside the target that {@link #commit()} renames over it, so a
 * failure half-way leaves an existing file as it was. Use {@link #write(FeatureTable, Path)} for
 * a whole table, or {@link #open} and {@link #writeTrack} to stream tracks one by one.
 */
public final class FeatureCsvWriter implements Closeable {
  /** Column names with a meaning of their own, so no feature may take them. */
  private static final Set<String> RESERVED_COLUMNS = Set.of(TrackCsvReader.TRACK, TrackCsvReader.GENRE,
      TrackCsvReader.MOOD, TrackCsvReader.TITLE, TrackCsvReader.ARTIST);

  private final Path target;
  private final Path temporary;
  private final Writer out;
  private final List<String> featureNames;
  /** For each written column, the index of its value in the caller's feature array. */
  private final int[] sourceOfColumn;
  private final Set<String> writtenIds = new HashSet<>();
  private final StringBuilder line = new StringBuilder();
  private boolean committed;

  private FeatureCsvWriter(Path target, List<String> featureNames) throws IOException {
    this.target = target;
    this.featureNames = List.copyOf(featureNames);
    this.sourceOfColumn = standardFirst(this.featureNames);
    this.temporary = AtomicFile.temporaryFor(target);
    this.out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
    line.append(String.join(",", TrackCsvReader.TRACK, TrackCsvReader.GENRE, TrackCsvReader.MOOD));
    for (int column : sourceOfColumn) {
      line.append(',').append(this.featureNames.get(column));
    }
    writeLine();
  }

  /** Writes {@code table} to {@code file}, replacing it only once every line is written. */
  public static void write(FeatureTable table, Path file) throws IOException {
    try (FeatureCsvWriter writer = open(file, table.featureNames())) {
      for (int track = 0; track < table.trackCount(); track++) {
        writer.writeTrack(table.tracks().idOf(track), table.row(track), table.genres(track), table.moods(track));
      }
      writer.commit();
    }
  }

  /**
   * Starts a file of tracks described by {@code featureNames} (the order of the values given to
   * {@link #writeTrack}); nothing replaces {@code file} until {@link #commit()}.
   */
  public static FeatureCsvWriter open(Path file, List<String> featureNames) throws IOException {
    Objects.requireNonNull(file, "file");
    if (new HashSet<>(featureNames).size() != featureNames.size()) {
      throw new IllegalArgumentException("feature names repeat: " + featureNames);
    }
    for (String name : featureNames) {
      requireWritable(name, "feature name '" + name + "'", false);
      if (RESERVED_COLUMNS.contains(name)) {
        throw new IllegalArgumentException("feature name '" + name + "' is reserved for the column of that name "
            + RESERVED_COLUMNS);
      }
    }
    return new FeatureCsvWriter(file, featureNames);
  }

  /**
   * Appends one track: {@code features} in the order of the names given to {@link #open}, NaN
   * where unknown. An infinite value, a repeated track ID or a field that cannot be written
   * unquoted is an error naming the track and field.
   */
  public void writeTrack(String trackId, float[] features, List<String> genres, List<String> moods)
      throws IOException {
    if (committed) {
      throw new IllegalStateException("the file " + target + " is already committed");
    }
    Objects.requireNonNull(trackId, "track id");
    checkTrackId(trackId);
    if (features.length != featureNames.size()) {
      throw new IllegalArgumentException("track '" + trackId + "' has " + features.length + " feature values, want "
          + featureNames.size() + " (" + featureNames + ")");
    }
    line.setLength(0);
    line.append(trackId).append(',');
    appendTags(trackId, "genre", genres);
    line.append(',');
    appendTags(trackId, "mood", moods);
    for (int column : sourceOfColumn) {
      float value = features[column];
      if (Float.isInfinite(value)) {
        throw new IllegalArgumentException("track '" + trackId + "' feature '" + featureNames.get(column) + "' is "
            + value + "; values must be finite (NaN for unknown)");
      }
      line.append(',');
      if (!Float.isNaN(value)) {
        line.append(value);
      }
    }
    if (!writtenIds.add(trackId)) {
      throw new IllegalArgumentException("track '" + trackId + "' is written twice to " + target);
    }
    writeLine();
  }

  /** Finishes the file and renames it over the target. */
  public void commit() throws IOException {
    if (committed) {
      return;
    }
    out.close();
    AtomicFile.moveIntoPlace(temporary, target);
    committed = true;
  }

  /** Closes the file; without {@link #commit()} the temporary file is deleted and the target left as it was. */
  @Override
  public void close() throws IOException {
    try {
      out.close();
    } finally {
      if (!committed) {
        Files.deleteIfExists(temporary);
      }
    }
  }

  /** Throws unless {@code trackId} can be written unquoted and read back the same. */
  public static void checkTrackId(String trackId) {
    requireWritable(trackId, "track ID '" + trackId + "'", false);
  }

  /** Throws unless {@code tag} (a genre or mood, named by {@code field}) can be written unquoted and read back the same. */
  public static void checkTag(String field, String tag) {
    requireWritable(tag, field + " '" + tag + "'", true);
  }

  private void appendTags(String trackId, String field, List<String> tags) {
    for (int i = 0; i < tags.size(); i++) {
      String tag = tags.get(i);
      requireWritable(tag, "track '" + trackId + "' " + field + " '" + tag + "'", true);
      if (i > 0) {
        line.append(TrackCsvReader.TAG_SEPARATOR);
      }
      line.append(tag);
    }
  }

  private void writeLine() throws IOException {
    out.append(line).append('\n');
  }

  /** Column indices in written order: the standard features present, then the rest as given. */
  private static int[] standardFirst(List<String> names) {
    return StandardFeatures.standardFirst(names).stream().mapToInt(names::indexOf).toArray();
  }

  private static void requireWritable(String text, String what, boolean isTag) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    if (!text.equals(text.strip())) {
      throw new IllegalArgumentException(what + " starts or ends with white space, which a CSV reader strips");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r' || (isTag && c == '|')) {
        throw new IllegalArgumentException(what + " contains " + describe(c) + ", which Encore's CSV cannot hold"
            + " (fields are not quoted" + (isTag ? "; '|' separates tags" : "") + ")");
      }
    }
  }

  private static String describe(char c) {
    return switch (c) {
      case '\n', '\r' -> "a line break";
      case '"' -> "a double quote";
      default -> "'" + c + "'";
    };
  }
}
