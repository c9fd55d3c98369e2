package dev.encore.model;

import java.io.Serializable;
import dev.encore.als.AlsConfig;
import dev.encore.data.Csr;
import dev.encore.data.IdIndex;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Encore's model in parts: a directory that parallel writers (the Spark job's executors) fill one
 * part each, and that {@link ModelFile#load} reads like a single model file. Numbers, strings and
 * settings are written as in {@link ModelFile}.
 *
 * <pre>
 * manifest            magic "ENCOREMD", int version 1, settings,
 *                     int user part count, then per part: string name, int rows, int entries, long CRC,
 *                     int item part count, then per part: string name, int rows, long CRC,
 *                     long CRC-32 of every byte before it
 * users-NNNNN.part    magic "ENCOREUP", int version, int rows, rows ID strings, rows * factors floats,
 *                     (rows + 1) int indptr, entries int item indices (into the concatenated item
 *                     parts), entries float play values, long CRC-32
 * items-NNNNN.part    magic "ENCOREIP", int version, int rows, rows ID strings, rows * factors floats,
 *                     long CRC-32
 * </pre>
 *
 * A model's users are the user parts' rows in manifest order (likewise items), so the dense
 * indices are positions in that concatenation. The manifest is written last and names each part's
 * checksum, so a directory whose parts are missing, truncated or from another run fails to load
 * with the part named; other files in the directory (an evaluation report) are ignored.
 */
public final class ModelDirectory {
  public static final String MANIFEST = "manifest";
  public static final int VERSION = 3;
  /**
   * Version 1 wrote the settings without alpha0, nu and the initial sigma, version 2 without the
   * block size; they read as their defaults.
   */
  private static final int OLDEST_READABLE_VERSION = 1;
  static final byte[] MANIFEST_MAGIC = "ENCOREMD".getBytes(StandardCharsets.US_ASCII);
  static final byte[] USER_PART_MAGIC = "ENCOREUP".getBytes(StandardCharsets.US_ASCII);
  static final byte[] ITEM_PART_MAGIC = "ENCOREIP".getBytes(StandardCharsets.US_ASCII);
  private static final int BUFFER = 1 << 16;

  private ModelDirectory() {}

  /** What the manifest records of one part. */
  public record Part(String name, int rows, int entries, long checksum) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Part {
      if (name == null || name.isEmpty() || name.contains("/") || name.equals(MANIFEST)) {
        throw new IllegalArgumentException("part name '" + name + "' must be a plain file name other than "
            + MANIFEST);
      }
    }
  }

  /** The conventional name of user part {@code index}. */
  public static String userPartName(int index) {
    return String.format("users-%05d.part", index);
  }

  /** The conventional name of item part {@code index}. */
  public static String itemPartName(int index) {
    return String.format("items-%05d.part", index);
  }

  /**
   * Writes one user part to {@code stream} (left open): {@code ids.size()} users, their factors
   * row-major, and their played items as a CSR block whose columns index the whole model's items.
   */
  public static Part writeUserPart(OutputStream stream, String name, int factors, List<String> ids,
      float[] userFactors, int[] indptr, int[] items, float[] values) throws IOException {
    int rows = ids.size();
    requireLength("user factors", userFactors.length, (long) rows * factors);
    requireLength("indptr", indptr.length, rows + 1L);
    requireLength("played items", items.length, indptr[rows]);
    requireLength("played values", values.length, items.length);
    return writePart(stream, name, USER_PART_MAGIC, rows, items.length, out -> {
      writeIdsAndFactors(out, ids, userFactors);
      ModelFile.writeInts(out, indptr);
      ModelFile.writeInts(out, items);
      ModelFile.writeFloats(out, values);
    });
  }

  /** Writes one item part to {@code stream} (left open). */
  public static Part writeItemPart(OutputStream stream, String name, int factors, List<String> ids,
      float[] itemFactors) throws IOException {
    requireLength("item factors", itemFactors.length, (long) ids.size() * factors);
    return writePart(stream, name, ITEM_PART_MAGIC, ids.size(), 0, out -> writeIdsAndFactors(out, ids, itemFactors));
  }

  /** Writes the manifest, the last file of a model directory, to {@code stream} (left open). */
  public static void writeManifest(OutputStream stream, AlsConfig settings, List<Part> userParts,
      List<Part> itemParts) throws IOException {
    CRC32 crc = new CRC32();
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(stream, crc), BUFFER));
    out.write(MANIFEST_MAGIC);
    out.writeInt(VERSION);
    ModelFile.writeSettings(out, settings);
    out.writeInt(userParts.size());
    for (Part part : userParts) {
      ModelFile.writeString(out, part.name());
      out.writeInt(part.rows());
      out.writeInt(part.entries());
      out.writeLong(part.checksum());
    }
    out.writeInt(itemParts.size());
    for (Part part : itemParts) {
      ModelFile.writeString(out, part.name());
      out.writeInt(part.rows());
      out.writeLong(part.checksum());
    }
    out.flush();
    new DataOutputStream(stream).writeLong(crc.getValue());
    stream.flush();
  }

  /**
   * Writes {@code model} as a directory of {@code userParts} user and {@code itemParts} item parts,
   * into a temporary directory beside {@code target} that replaces it only when complete.
   */
  public static void save(FactorModel model, Path target, int userParts, int itemParts) throws IOException {
    if (userParts < 1 || itemParts < 1) {
      throw new IllegalArgumentException("a model directory needs at least one user part and one item part");
    }
    Path absolute = target.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path temporary = absolute.resolveSibling(absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
    Files.createDirectory(temporary);
    try {
      int k = model.factors();
      Csr played = model.played();
      List<Part> users = new ArrayList<>();
      for (int part = 0; part < userParts; part++) {
        int from = sliceStart(model.users().size(), userParts, part);
        int to = sliceStart(model.users().size(), userParts, part + 1);
        int[] indptr = new int[to - from + 1];
        for (int u = from; u <= to; u++) {
          indptr[u - from] = played.indptr()[u] - played.indptr()[from];
        }
        int entriesFrom = played.indptr()[from];
        int entriesTo = played.indptr()[to];
        String name = userPartName(part);
        try (OutputStream out = Files.newOutputStream(temporary.resolve(name))) {
          users.add(writeUserPart(out, name, k, model.users().ids().subList(from, to),
              Arrays.copyOfRange(model.userFactors(), from * k, to * k), indptr,
              Arrays.copyOfRange(played.indices(), entriesFrom, entriesTo),
              Arrays.copyOfRange(played.values(), entriesFrom, entriesTo)));
        }
      }
      List<Part> items = new ArrayList<>();
      for (int part = 0; part < itemParts; part++) {
        int from = sliceStart(model.items().size(), itemParts, part);
        int to = sliceStart(model.items().size(), itemParts, part + 1);
        String name = itemPartName(part);
        try (OutputStream out = Files.newOutputStream(temporary.resolve(name))) {
          items.add(writeItemPart(out, name, k, model.items().ids().subList(from, to),
              Arrays.copyOfRange(model.itemFactors(), from * k, to * k)));
        }
      }
      try (OutputStream out = Files.newOutputStream(temporary.resolve(MANIFEST))) {
        writeManifest(out, model.settings(), users, items);
      }
      replace(temporary, absolute);
    } finally {
      deleteRecursively(temporary);
    }
  }

  /** Reads a whole model directory into one {@link FactorModel}. */
  public static FactorModel load(Path directory) throws IOException {
    Path manifestPath = directory.resolve(MANIFEST);
    if (!Files.isRegularFile(manifestPath)) {
      throw new ModelFileException(directory, "a model directory needs a '" + MANIFEST
          + "' file; it has none, so it was not completely written or is not an Encore model");
    }
    Manifest manifest = readManifest(manifestPath);
    int k = manifest.settings().factors();
    long userCount = manifest.userParts().stream().mapToLong(Part::rows).sum();
    long itemCount = manifest.itemParts().stream().mapToLong(Part::rows).sum();
    long entryCount = manifest.userParts().stream().mapToLong(Part::entries).sum();
    requireArray(directory, "user factors", userCount * k);
    requireArray(directory, "item factors", itemCount * k);
    requireArray(directory, "played entries", entryCount);

    List<String> userIds = new ArrayList<>((int) userCount);
    float[] userFactors = new float[(int) (userCount * k)];
    int[] indptr = new int[(int) userCount + 1];
    int[] playedItems = new int[(int) entryCount];
    float[] playedValues = new float[(int) entryCount];
    int userRow = 0;
    int entry = 0;
    for (Part part : manifest.userParts()) {
      readUserPart(directory, part, k, userIds, userFactors, userRow, indptr, playedItems, playedValues, entry);
      userRow += part.rows();
      entry += part.entries();
    }
    List<String> itemIds = new ArrayList<>((int) itemCount);
    float[] itemFactors = new float[(int) (itemCount * k)];
    int itemRow = 0;
    for (Part part : manifest.itemParts()) {
      readItemPart(directory, part, k, itemIds, itemFactors, itemRow);
      itemRow += part.rows();
    }
    for (int p = 0; p < playedItems.length; p++) {
      if (playedItems[p] < 0 || playedItems[p] >= itemCount) {
        throw new ModelFileException(directory, "a played entry names item " + playedItems[p] + " of "
            + itemCount + ": the parts do not belong together");
      }
    }
    try {
      IdIndex users = IdIndex.of("user", userIds);
      IdIndex items = IdIndex.of("item", itemIds);
      Csr played = new Csr(users.size(), items.size(), indptr, playedItems, playedValues);
      return new FactorModel(users, items, k, userFactors, itemFactors, played, manifest.settings());
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(directory, e.getMessage());
    }
  }

  private record Manifest(AlsConfig settings, List<Part> userParts, List<Part> itemParts) {}

  private static Manifest readManifest(Path path) throws IOException {
    long size = Files.size(path);
    ModelFile.Limits limits = new ModelFile.Limits(path, size);
    CRC32 crc = new CRC32();
    try (InputStream file = Files.newInputStream(path)) {
      CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(file, BUFFER), crc);
      DataInputStream in = new DataInputStream(checked);
      int version = requireMagic(in, MANIFEST_MAGIC, path, "model manifest");
      AlsConfig settings = ModelFile.readSettings(in, path, limits, version);
      int userPartCount = limits.count(in.readInt(), 16, "user part");
      List<Part> userParts = new ArrayList<>(userPartCount);
      for (int i = 0; i < userPartCount; i++) {
        userParts.add(part(path, ModelFile.readString(in, limits), in.readInt(), in.readInt(), in.readLong()));
      }
      int itemPartCount = limits.count(in.readInt(), 12, "item part");
      List<Part> itemParts = new ArrayList<>(itemPartCount);
      for (int i = 0; i < itemPartCount; i++) {
        itemParts.add(part(path, ModelFile.readString(in, limits), in.readInt(), 0, in.readLong()));
      }
      long expected = crc.getValue();
      if (in.readLong() != expected) {
        throw new ModelFileException(path, "checksum mismatch: the manifest is corrupt");
      }
      if (checked.read() != -1) {
        throw new ModelFileException(path, "unexpected bytes after the checksum: the manifest is corrupt");
      }
      if (userParts.isEmpty() || itemParts.isEmpty()) {
        throw new ModelFileException(path, "the manifest lists no user or no item parts");
      }
      return new Manifest(settings, userParts, itemParts);
    } catch (EOFException e) {
      throw new ModelFileException(path, "the manifest is truncated (" + size + " bytes)");
    }
  }

  private static Part part(Path manifest, String name, int rows, int entries, long checksum)
      throws ModelFileException {
    if (rows < 0 || entries < 0) {
      throw new ModelFileException(manifest, "part " + name + " has a negative size: the manifest is corrupt");
    }
    try {
      return new Part(name, rows, entries, checksum);
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(manifest, e.getMessage());
    }
  }

  private static void readUserPart(Path directory, Part part, int k, List<String> ids, float[] factors, int firstRow,
      int[] indptr, int[] items, float[] values, int firstEntry) throws IOException {
    readPart(directory, part, USER_PART_MAGIC, (in, limits, path) -> {
      readIdsAndFactors(in, limits, path, part, k, ids, factors, firstRow);
      int[] partIndptr = ModelFile.readInts(in, part.rows() + 1);
      if (partIndptr[0] != 0 || partIndptr[part.rows()] != part.entries()) {
        throw new ModelFileException(path, "its played rows hold " + partIndptr[part.rows()]
            + " entries, the manifest says " + part.entries());
      }
      for (int r = 0; r < part.rows(); r++) {
        if (partIndptr[r + 1] < partIndptr[r]) {
          throw new ModelFileException(path, "its played rows are not in order: the part is corrupt");
        }
        indptr[firstRow + r + 1] = firstEntry + partIndptr[r + 1];
      }
      System.arraycopy(ModelFile.readInts(in, part.entries()), 0, items, firstEntry, part.entries());
      System.arraycopy(ModelFile.readFloats(in, part.entries()), 0, values, firstEntry, part.entries());
    });
  }

  private static void readItemPart(Path directory, Part part, int k, List<String> ids, float[] factors, int firstRow)
      throws IOException {
    readPart(directory, part, ITEM_PART_MAGIC,
        (in, limits, path) -> readIdsAndFactors(in, limits, path, part, k, ids, factors, firstRow));
  }

  private static void readIdsAndFactors(DataInputStream in, ModelFile.Limits limits, Path path, Part part, int k,
      List<String> ids, float[] factors, int firstRow) throws IOException {
    int rows = in.readInt();
    if (rows != part.rows()) {
      throw new ModelFileException(path, "it holds " + rows + " rows, the manifest says " + part.rows());
    }
    for (int r = 0; r < rows; r++) {
      ids.add(ModelFile.readString(in, limits));
    }
    float[] partFactors = ModelFile.readFloats(in, rows * k);
    System.arraycopy(partFactors, 0, factors, firstRow * k, partFactors.length);
  }

  private interface PartBody {
    void write(DataOutputStream out) throws IOException;
  }

  private interface PartReader {
    void read(DataInputStream in, ModelFile.Limits limits, Path path) throws IOException;
  }

  private static Part writePart(OutputStream stream, String name, byte[] magic, int rows, int entries, PartBody body)
      throws IOException {
    CRC32 crc = new CRC32();
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(stream, crc), BUFFER));
    out.write(magic);
    out.writeInt(VERSION);
    body.write(out);
    out.flush();
    long checksum = crc.getValue();
    new DataOutputStream(stream).writeLong(checksum);
    stream.flush();
    return new Part(name, rows, entries, checksum);
  }

  private static void readPart(Path directory, Part part, byte[] magic, PartReader reader) throws IOException {
    Path path = directory.resolve(part.name());
    if (!Files.isRegularFile(path)) {
      throw new ModelFileException(directory, "part " + part.name() + " named by the manifest is missing");
    }
    long size = Files.size(path);
    CRC32 crc = new CRC32();
    try (InputStream file = Files.newInputStream(path)) {
      CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(file, BUFFER), crc);
      DataInputStream in = new DataInputStream(checked);
      requireMagic(in, magic, path, "model part");
      reader.read(in, new ModelFile.Limits(path, size), path);
      long computed = crc.getValue();
      long stored = in.readLong();
      if (stored != computed) {
        throw new ModelFileException(path, "checksum mismatch: the part is corrupt");
      }
      if (stored != part.checksum()) {
        throw new ModelFileException(path, "its checksum differs from the manifest's: it belongs to another model");
      }
      if (checked.read() != -1) {
        throw new ModelFileException(path, "unexpected bytes after the checksum: the part is corrupt");
      }
    } catch (EOFException e) {
      throw new ModelFileException(path, "the part is truncated (" + size + " bytes)");
    }
  }

  /** Checks the magic bytes and returns the format version, one this Encore reads. */
  private static int requireMagic(DataInputStream in, byte[] magic, Path path, String what) throws IOException {
    byte[] read = new byte[magic.length];
    in.readFully(read);
    if (!Arrays.equals(read, magic)) {
      throw new ModelFileException(path, "not an Encore " + what + " (bad magic bytes)");
    }
    int version = in.readInt();
    if (version < OLDEST_READABLE_VERSION || version > VERSION) {
      throw new ModelFileException(path, what + " format version " + version
          + " is not supported; this Encore reads versions " + OLDEST_READABLE_VERSION + " to " + VERSION);
    }
    return version;
  }

  private static void writeIdsAndFactors(DataOutputStream out, List<String> ids, float[] factors) throws IOException {
    out.writeInt(ids.size());
    for (String id : ids) {
      ModelFile.writeString(out, id);
    }
    ModelFile.writeFloats(out, factors);
  }

  private static void requireLength(String what, long actual, long expected) {
    if (actual != expected) {
      throw new IllegalArgumentException(what + " has " + actual + " values, want " + expected);
    }
  }

  private static void requireArray(Path directory, String what, long count) throws ModelFileException {
    if (count > Integer.MAX_VALUE - 8) {
      throw new ModelFileException(directory, "its " + count + " " + what + " do not fit in one JVM array: a model"
          + " this large cannot be served by one process");
    }
  }

  /** Start of slice {@code part} of {@code parts} near-equal slices of {@code 0..size}. */
  private static int sliceStart(int size, int parts, int part) {
    return (int) ((long) size * part / parts);
  }

  private static void replace(Path complete, Path target) throws IOException {
    Path previous = null;
    if (Files.exists(target)) {
      previous = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".old");
      Files.move(target, previous);
    }
    Files.move(complete, target);
    if (previous != null) {
      deleteRecursively(previous);
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(each);
      }
    }
  }
}
