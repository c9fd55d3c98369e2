package dev.encore.index;

import dev.encore.io.AtomicFile;
import dev.encore.model.ModelFile;
import dev.encore.model.ModelFileException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * An {@link ItemIndex} on disk, kept beside its model file ({@code model.encore} ->
 * {@code model.encore.index}) or inside its model directory ({@code model/items.index}, where the
 * Spark job writes it before the directory is renamed into place), and written atomically. The file records a checksum of the
 * item factors it was built over, so an index is never served with a model it was not built
 * for: a model retrained, grown or shrunk since reads as a mismatch and is indexed anew.
 *
 * <pre>
 * magic            8 bytes "ENCOREIX"
 * version          int 1
 * factors, items   int, int
 * factor checksum  long CRC-32 of the item factors (big-endian floats)
 * quality          lists, score probes, cosine probes (int); score recall, cosine recall (double);
 *                  sample queries (int); build seconds (double); memory bytes, factor bytes (long)
 * score lists      list blocks, panels, slot items, centroids (each: int count, then the values)
 * direction lists  list starts, members, inverse norms, centroids (the same)
 * checksum         long CRC-32 of every byte before it
 * </pre>
 */
public final class IndexFile {
  private static final byte[] MAGIC = {'E', 'N', 'C', 'O', 'R', 'E', 'I', 'X'};
  private static final int VERSION = 1;
  private static final int CHUNK = 1 << 16;

  private IndexFile() {}

  /** The index file's name inside a model directory. */
  public static final String IN_DIRECTORY = "items.index";

  /**
   * Where the index of the model at {@code model} is kept: inside a model directory, so that
   * the directory and its index are replaced together; beside a model file.
   */
  public static Path forModel(Path model) {
    if (Files.isDirectory(model)) {
      return model.resolve(IN_DIRECTORY);
    }
    return model.resolveSibling(model.getFileName() + ".index");
  }

  public static void save(ItemIndex index, float[] itemFactors, Path target) throws IOException {
    Path temporary = AtomicFile.temporaryFor(target);
    try {
      try (OutputStream file = Files.newOutputStream(temporary)) {
        write(index, itemFactors, file);
      }
      AtomicFile.moveIntoPlace(temporary, target);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Writes {@code index}, built over {@code itemFactors}, to {@code stream} (flushed, left open),
   * for a store that is not a local file: the Spark job's model directory.
   */
  public static void write(ItemIndex index, float[] itemFactors, OutputStream stream) throws IOException {
    CRC32 crc = new CRC32();
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(stream, crc), CHUNK));
    out.write(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(index.factors());
    out.writeInt(index.items());
    out.writeLong(checksum(itemFactors, index.items(), index.factors()));
    IndexQuality quality = index.quality();
    out.writeInt(quality.lists());
    out.writeInt(quality.scoreProbes());
    out.writeInt(quality.cosineProbes());
    out.writeDouble(quality.scoreRecall());
    out.writeDouble(quality.cosineRecall());
    out.writeInt(quality.sampleQueries());
    out.writeDouble(quality.buildSeconds());
    out.writeLong(quality.memoryBytes());
    out.writeLong(quality.factorBytes());
    ScoreLists scoreLists = index.scoreLists();
    writeInts(out, scoreLists.listBlocks());
    writeFloats(out, scoreLists.panels());
    writeInts(out, scoreLists.slotItems());
    writeFloats(out, scoreLists.centroidRows());
    DirectionLists directionLists = index.directionLists();
    writeInts(out, directionLists.listStarts());
    writeInts(out, directionLists.members());
    writeFloats(out, directionLists.inverseNorms());
    writeFloats(out, directionLists.centroidRows());
    out.flush();
    new DataOutputStream(stream).writeLong(crc.getValue());
    stream.flush();
  }

  /**
   * Reads the index at {@code source} for the model whose item factors are {@code itemFactors}
   * ({@code items} rows of k); a file that is corrupt, truncated or built for other factors is a
   * {@link ModelFileException} naming the file and why.
   */
  public static ItemIndex load(Path source, float[] itemFactors, int items, int k) throws IOException {
    if (!Files.isRegularFile(source)) {
      throw new ModelFileException(source, "no such index file");
    }
    long size = Files.size(source);
    try (InputStream file = Files.newInputStream(source)) {
      return read(file, size, source, itemFactors, items, k);
    } catch (EOFException e) {
      throw new ModelFileException(source, "the index file is truncated (" + size + " bytes)");
    }
  }

  static ItemIndex read(InputStream stream, long size, Path source, float[] itemFactors, int items, int k)
      throws IOException {
    CRC32 crc = new CRC32();
    CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(stream, CHUNK), crc);
    DataInputStream in = new DataInputStream(checked);
    ModelFile.Limits limits = new ModelFile.Limits(source, size);
    byte[] magic = new byte[MAGIC.length];
    in.readFully(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new ModelFileException(source, "not an Encore index file (bad magic bytes)");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new ModelFileException(source, "index format version " + version + " is not supported; this Encore reads "
          + VERSION);
    }
    int factors = in.readInt();
    int indexed = in.readInt();
    long factorChecksum = in.readLong();
    if (factors != k || indexed != items || factorChecksum != checksum(itemFactors, items, k)) {
      throw new ModelFileException(source, "the index was built for other item factors (" + indexed + " items x "
          + factors + " factors) than the model's (" + items + " x " + k + "); it is rebuilt with the model");
    }
    IndexQuality quality = new IndexQuality(in.readInt(), in.readInt(), in.readInt(), in.readDouble(), in.readDouble(),
        in.readInt(), in.readDouble(), in.readLong(), in.readLong());
    int[] listBlocks = ModelFile.readInts(in, limits.count(in.readInt(), 4, "list bounds"));
    float[] panels = ModelFile.readFloats(in, limits.count(in.readInt(), 4, "list factors"));
    int[] slotItems = ModelFile.readInts(in, limits.count(in.readInt(), 4, "list slots"));
    float[] scoreCentroids = ModelFile.readFloats(in, limits.count(in.readInt(), 4, "centroids"));
    int[] listStarts = ModelFile.readInts(in, limits.count(in.readInt(), 4, "list bounds"));
    int[] members = ModelFile.readInts(in, limits.count(in.readInt(), 4, "list members"));
    float[] inverseNorms = ModelFile.readFloats(in, limits.count(in.readInt(), 4, "norms"));
    float[] directionCentroids = ModelFile.readFloats(in, limits.count(in.readInt(), 4, "centroids"));
    long expected = crc.getValue();
    long stored = in.readLong();
    if (stored != expected) {
      throw new ModelFileException(source, "the index file is corrupt (checksum mismatch)");
    }
    if (checked.read() != -1) {
      throw new ModelFileException(source, "unexpected bytes after the checksum: the index file is corrupt");
    }
    requireConsistent(source, k, items, listBlocks, panels, slotItems, scoreCentroids, listStarts, members,
        inverseNorms, directionCentroids);
    ScoreLists scoreLists = new ScoreLists(k, listBlocks, panels, slotItems, scoreCentroids);
    DirectionLists directionLists = new DirectionLists(k, itemFactors, listStarts, members, inverseNorms,
        directionCentroids);
    return new ItemIndex(k, items, scoreLists, directionLists, quality);
  }

  /** A file whose checksum matches can still have been written wrong: every bound is checked before use. */
  private static void requireConsistent(Path source, int k, int items, int[] listBlocks, float[] panels,
      int[] slotItems, float[] scoreCentroids, int[] listStarts, int[] members, float[] inverseNorms,
      float[] directionCentroids) throws ModelFileException {
    int width = dev.encore.linalg.Kernels.PANEL_WIDTH;
    boolean valid = listBlocks.length >= 2 && listBlocks[0] == 0 && ascending(listBlocks)
        && (long) listBlocks[listBlocks.length - 1] * width == slotItems.length
        && (long) slotItems.length * k == panels.length
        && scoreCentroids.length == (listBlocks.length - 1) * k
        && listStarts.length >= 2 && listStarts[0] == 0 && ascending(listStarts)
        && listStarts[listStarts.length - 1] == members.length && members.length == items
        && inverseNorms.length == items && directionCentroids.length == (listStarts.length - 1) * k
        && within(slotItems, -1, items) && within(members, 0, items);
    if (!valid) {
      throw new ModelFileException(source, "the index file's lists do not fit together: the file is corrupt");
    }
  }

  private static boolean ascending(int[] bounds) {
    for (int i = 1; i < bounds.length; i++) {
      if (bounds[i] < bounds[i - 1]) {
        return false;
      }
    }
    return true;
  }

  private static boolean within(int[] values, int lowest, int end) {
    for (int value : values) {
      if (value < lowest || value >= end) {
        return false;
      }
    }
    return true;
  }

  /** CRC-32 of the first {@code items} rows of {@code factors} as big-endian floats. */
  static long checksum(float[] factors, int items, int k) {
    CRC32 crc = new CRC32();
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    long length = (long) items * k;
    for (long start = 0; start < length; start += CHUNK / 4) {
      int count = (int) Math.min(CHUNK / 4, length - start);
      buffer.clear();
      buffer.asFloatBuffer().put(factors, (int) start, count);
      crc.update(buffer.array(), 0, count * 4);
    }
    return crc.getValue();
  }

  private static void writeInts(DataOutputStream out, int[] values) throws IOException {
    out.writeInt(values.length);
    ModelFile.writeInts(out, values);
  }

  private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    out.writeInt(values.length);
    ModelFile.writeFloats(out, values);
  }
}
