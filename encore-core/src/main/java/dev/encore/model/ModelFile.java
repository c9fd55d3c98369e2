package dev.encore.model;

import dev.encore.als.AlsConfig;
import dev.encore.als.Solver;
import dev.encore.data.Confidence;
import dev.encore.data.Csr;
import dev.encore.data.IdIndex;
import dev.encore.io.AtomicFile;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Encore's model file, format version 3. All numbers big-endian; a string is an int byte count
 * then UTF-8 bytes. Version 1 files, whose settings end at threads, still load, as alpha0 = 1,
 * nu = 0 and sigma = 0 (the objective they were trained with); version 2 files, whose settings
 * end at initSigma, load with the default block size.
 *
 * <pre>
 * magic            8 bytes  "ENCOREMF"
 * version          int      3
 * settings         int factors, float regularization, boolean scaleRegularization,
 *                  string confidence function, float alpha, float epsilon, float cap,
 *                  int iterations, string solver, int cgSteps, long seed, int threads,
 *                  float unobservedWeight (alpha0), float regularizationExponent (nu),
 *                  float initSigma, int blockSize (the subspace solver's)
 * user IDs         int count, then count strings
 * item IDs         int count, then count strings
 * user factors     users * factors floats, row-major
 * item factors     items * factors floats, row-major
 * played matrix    int nnz, (users + 1) int indptr, nnz int indices, nnz float values
 * checksum         long CRC-32 of every byte before it
 * </pre>
 *
 * A model written in parts by parallel writers is a directory instead, read by {@link #load} all
 * the same: see {@link ModelDirectory}.
 *
 * <p>Writing goes to a temporary file in the same folder that is renamed over the target only when
 * complete, so a crash never leaves a half-written model in place of a good one. Loading checks
 * the magic, version, sizes and checksum, and says which one failed.
 */
public final class ModelFile {
  /** The subspace solver's block size that files of versions 1 and 2, which do not record it, were trained with. */
  static final int VERSION_2_BLOCK_SIZE = 64;
  static final byte[] MAGIC = "ENCOREMF".getBytes(StandardCharsets.US_ASCII);
  public static final int VERSION = 3;
  private static final int OLDEST_READABLE_VERSION = 1;
  private static final int CHUNK = 1 << 16;

  private ModelFile() {}

  public static void save(FactorModel model, Path target) throws IOException {
    Path temporary = AtomicFile.temporaryFor(target);
    try {
      try (OutputStream file = Files.newOutputStream(temporary)) {
        write(model, file);
      }
      AtomicFile.moveIntoPlace(temporary, target);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Writes the whole format, checksum included, to {@code stream} (left open). */
  public static void write(FactorModel model, OutputStream stream) throws IOException {
    CRC32 crc = new CRC32();
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(stream, crc), CHUNK));
    out.write(MAGIC);
    out.writeInt(VERSION);
    writeSettings(out, model.settings());
    writeIds(out, model.users());
    writeIds(out, model.items());
    writeFloats(out, model.userFactors());
    writeFloats(out, model.itemFactors());
    Csr played = model.played();
    out.writeInt(played.nnz());
    writeInts(out, played.indptr());
    writeInts(out, played.indices());
    writeFloats(out, played.values());
    out.flush();
    new DataOutputStream(stream).writeLong(crc.getValue());
    stream.flush();
  }

  /** Loads a model file, or a model directory written by {@link ModelDirectory} (the Spark job's format). */
  public static FactorModel load(Path source) throws IOException {
    if (Files.isDirectory(source)) {
      return ModelDirectory.load(source);
    }
    if (!Files.isRegularFile(source)) {
      throw new ModelFileException(source, "no such model file");
    }
    long size = Files.size(source);
    try (InputStream file = Files.newInputStream(source)) {
      return read(file, size, source);
    } catch (EOFException e) {
      throw new ModelFileException(source, "the file is truncated (" + size + " bytes); it was not completely written");
    }
  }

  /** Reads a model from {@code stream} ({@code size} bytes long), naming {@code source} in errors. */
  static FactorModel read(InputStream stream, long size, Path source) throws IOException {
    CRC32 crc = new CRC32();
    CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(stream, CHUNK), crc);
    DataInputStream in = new DataInputStream(checked);
    Limits limits = new Limits(source, size);
    byte[] magic = new byte[MAGIC.length];
    in.readFully(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new ModelFileException(source, "not an Encore model file (bad magic bytes)");
    }
    int version = in.readInt();
    if (version < OLDEST_READABLE_VERSION || version > VERSION) {
      throw new ModelFileException(source, "format version " + version + " is not supported; this Encore reads versions "
          + OLDEST_READABLE_VERSION + " to " + VERSION);
    }
    AlsConfig settings = readSettings(in, source, limits, version);
    IdIndex users = readIds(in, "user", limits);
    IdIndex items = readIds(in, "item", limits);
    int k = settings.factors();
    float[] userFactors = readFloats(in, limits.count((long) users.size() * k, 4, "user factors"));
    float[] itemFactors = readFloats(in, limits.count((long) items.size() * k, 4, "item factors"));
    int nnz = in.readInt();
    limits.count(nnz, 8, "played entries");
    int[] indptr = readInts(in, users.size() + 1);
    int[] indices = readInts(in, nnz);
    float[] values = readFloats(in, nnz);
    long expected = crc.getValue();
    long stored = in.readLong();
    if (stored != expected) {
      throw new ModelFileException(source, "checksum mismatch: the file is corrupt");
    }
    if (checked.read() != -1) {
      throw new ModelFileException(source, "unexpected bytes after the checksum: the file is corrupt");
    }
    Csr played;
    try {
      played = new Csr(users.size(), items.size(), indptr, indices, values);
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(source, "inconsistent played matrix: " + e.getMessage());
    }
    return new FactorModel(users, items, k, userFactors, itemFactors, played, settings);
  }

  static void writeSettings(DataOutputStream out, AlsConfig settings) throws IOException {
    out.writeInt(settings.factors());
    out.writeFloat(settings.regularization());
    out.writeBoolean(settings.scaleRegularization());
    Confidence confidence = settings.confidence();
    writeString(out, confidence.function().toString());
    out.writeFloat(confidence.alpha());
    out.writeFloat(confidence.epsilon());
    out.writeFloat(confidence.cap());
    out.writeInt(settings.iterations());
    writeString(out, settings.solver().toString());
    out.writeInt(settings.cgSteps());
    out.writeLong(settings.seed());
    out.writeInt(settings.threads());
    out.writeFloat(settings.unobservedWeight());
    out.writeFloat(settings.regularizationExponent());
    out.writeFloat(settings.initSigma());
    out.writeInt(settings.blockSize());
  }

  /**
   * Reads the settings of a file of format {@code version}: version 1 stops after threads,
   * version 2 after initSigma.
   */
  static AlsConfig readSettings(DataInputStream in, Path source, Limits limits, int version)
      throws IOException {
    try {
      int factors = in.readInt();
      float regularization = in.readFloat();
      boolean scale = in.readBoolean();
      Confidence.Function function = Confidence.Function.parse(readString(in, limits));
      Confidence confidence = new Confidence(function, in.readFloat(), in.readFloat(), in.readFloat());
      int iterations = in.readInt();
      Solver solver = Solver.parse(readString(in, limits));
      int cgSteps = in.readInt();
      long seed = in.readLong();
      int threads = in.readInt();
      AlsConfig settings = new AlsConfig(factors, regularization, scale, confidence, iterations, solver, cgSteps, seed,
          threads, false);
      if (version >= 2) {
        settings = settings.withUnobservedWeight(in.readFloat()).withRegularizationExponent(in.readFloat())
            .withInitSigma(in.readFloat());
      }
      // Files before version 3 were written when the block size's default was 64.
      settings = settings.withBlockSize(version >= 3 ? in.readInt() : VERSION_2_BLOCK_SIZE);
      return settings;
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(source, "invalid settings: " + e.getMessage());
    }
  }

  static void writeIds(DataOutputStream out, IdIndex ids) throws IOException {
    writeString(out, ids.kind());
    out.writeInt(ids.size());
    for (String id : ids.ids()) {
      writeString(out, id);
    }
  }

  private static IdIndex readIds(DataInputStream in, String expectedKind, Limits limits) throws IOException {
    String kind = readString(in, limits);
    int count = limits.count(in.readInt(), 4, expectedKind + " IDs");
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(readString(in, limits));
    }
    try {
      return IdIndex.of(kind, ids);
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(limits.source, e.getMessage());
    }
  }

  static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static String readString(DataInputStream in, Limits limits) throws IOException {
    int length = limits.count(in.readInt(), 1, "string");
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  public static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    writeChunked(out, values.length, (buffer, start, count) -> buffer.asFloatBuffer().put(values, start, count));
  }

  public static float[] readFloats(DataInputStream in, int count) throws IOException {
    float[] values = new float[count];
    readChunked(in, count, (buffer, start, chunk) -> buffer.asFloatBuffer().get(values, start, chunk));
    return values;
  }

  public static void writeInts(DataOutputStream out, int[] values) throws IOException {
    writeChunked(out, values.length, (buffer, start, count) -> buffer.asIntBuffer().put(values, start, count));
  }

  public static int[] readInts(DataInputStream in, int count) throws IOException {
    int[] values = new int[count];
    readChunked(in, count, (buffer, start, chunk) -> buffer.asIntBuffer().get(values, start, chunk));
    return values;
  }

  /** Copies elements {@code [start, start + count)} between an array and a 4-byte-per-element buffer. */
  private interface ChunkCopy {
    void copy(ByteBuffer buffer, int start, int count);
  }

  // Arrays move through one 64 KB buffer per call rather than element by element through
  // DataOutputStream, which is an order of magnitude slower for 10^8-element factor matrices.
  private static void writeChunked(DataOutputStream out, int length, ChunkCopy copy) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    for (int start = 0; start < length; start += CHUNK / 4) {
      int count = Math.min(CHUNK / 4, length - start);
      buffer.clear();
      copy.copy(buffer, start, count);
      out.write(buffer.array(), 0, count * 4);
    }
  }

  private static void readChunked(DataInputStream in, int length, ChunkCopy copy) throws IOException {
    byte[] bytes = new byte[CHUNK];
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    for (int start = 0; start < length; start += CHUNK / 4) {
      int count = Math.min(CHUNK / 4, length - start);
      in.readFully(bytes, 0, count * 4);
      buffer.clear();
      copy.copy(buffer, start, count);
    }
  }

  /** Rejects counts that could not fit in the file, before allocating for them. */
  public record Limits(Path source, long fileSize) {
    public int count(long count, int minBytesEach, String what) throws ModelFileException {
      if (count < 0 || count > Integer.MAX_VALUE - 8 || count * minBytesEach > fileSize) {
        throw new ModelFileException(source, "impossible " + what + " count " + count + " for a " + fileSize
            + "-byte file: the file is corrupt");
      }
      return (int) count;
    }
  }
}
