package dev.encore.spark;

import dev.encore.als.AlsConfig;
import dev.encore.data.Csr;
import dev.encore.model.ModelDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import scala.Tuple2;

/**
 * Writes the trained model as a {@link ModelDirectory} on any Hadoop file system: every executor
 * writes the parts of its blocks in parallel into a temporary directory beside the output, the
 * driver adds the manifest and the files beside it (the evaluation, the index), then renames the directory
 * into place. A job that fails or is killed before the rename leaves the output path as it was.
 */
final class ModelOutput {
  /** The evaluation report written next to the manifest. */
  static final String EVALUATION = "evaluation.json";

  private final String location;
  private final boolean overwrite;

  /** A file the driver writes into the model directory beside the parts. */
  @FunctionalInterface
  interface SideFile {
    void writeTo(OutputStream out) throws IOException;

    static SideFile text(String content) {
      return out -> out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }

  ModelOutput(String location, boolean overwrite) {
    if (location == null || location.isBlank()) {
      throw new JobInputException("--output is required: the model directory to write");
    }
    this.location = location;
    this.overwrite = overwrite;
  }

  String location() {
    return location;
  }

  /** Fails before any training if the output exists and may not be replaced. */
  void requireWritable(Configuration hadoop) {
    try {
      Path target = new Path(location);
      if (target.getFileSystem(hadoop).exists(target) && !overwrite) {
        throw new JobInputException("output " + location + " already exists; pass --overwrite to replace it"
            + " (the old model stays until the new one is complete)");
      }
    } catch (IOException e) {
      throw new JobInputException("output " + location + " cannot be checked: " + e.getMessage());
    }
  }

  /** A fresh temporary directory beside the output, for this application's run. */
  Path temporary(Configuration hadoop, String applicationId) throws IOException {
    Path target = new Path(location);
    Path temporary = new Path(target.getParent(), "." + target.getName() + "." + applicationId + ".tmp");
    FileSystem fs = temporary.getFileSystem(hadoop);
    fs.delete(temporary, true);
    fs.mkdirs(temporary);
    return temporary;
  }

  void write(Configuration hadoop, String applicationId, AlsConfig settings, BlockSide users, BlockSide items,
      BlockedAls.Factors factors, Map<String, SideFile> sideFiles) throws IOException {
    Path temporary = temporary(hadoop, applicationId);
    FileSystem fs = temporary.getFileSystem(hadoop);
    try {
      HadoopConfiguration conf = new HadoopConfiguration(hadoop);
      String folder = temporary.toString();
      int k = settings.factors();
      long[] itemFirstRows = items.ids.firstRows();
      int itemCount = Math.toIntExact(items.ids.rowCount());
      if (users.ids.rowCount() > Integer.MAX_VALUE - 8) {
        throw new JobInputException("the model has " + users.ids.rowCount() + " users; a served model holds at most "
            + (Integer.MAX_VALUE - 8) + " per side");
      }
      List<ModelDirectory.Part> userParts = sorted(factors.users()
          .join(users.inBlocks, users.partitioner)
          .join(users.ids.blockIds(), users.partitioner)
          .map(block -> {
            Csr played = block._2()._1()._2().globalPlays(itemFirstRows, itemCount);
            String name = ModelDirectory.userPartName(block._1());
            try (OutputStream out = create(conf, folder, name)) {
              return ModelDirectory.writeUserPart(out, name, k, Arrays.asList(block._2()._2().ids),
                  block._2()._1()._1(), played.indptr(), played.indices(), played.values());
            }
          }).collect());
      List<ModelDirectory.Part> itemParts = sorted(factors.items()
          .join(items.ids.blockIds(), items.partitioner)
          .map(block -> {
            String name = ModelDirectory.itemPartName(block._1());
            try (OutputStream out = create(conf, folder, name)) {
              return ModelDirectory.writeItemPart(out, name, k, Arrays.asList(block._2()._2().ids), block._2()._1());
            }
          }).collect());
      for (Map.Entry<String, SideFile> file : sideFiles.entrySet()) {
        try (OutputStream out = fs.create(new Path(temporary, file.getKey()), true)) {
          file.getValue().writeTo(out);
        }
      }
      try (OutputStream out = fs.create(new Path(temporary, ModelDirectory.MANIFEST), true)) {
        ModelDirectory.writeManifest(out, settings, userParts, itemParts);
      }
      moveIntoPlace(fs, temporary, new Path(location), applicationId);
    } finally {
      fs.delete(temporary, true);
    }
  }

  private static OutputStream create(HadoopConfiguration conf, String folder, String name) throws IOException {
    Path path = new Path(folder, name);
    // overwrite: a retried task rewrites its part with the same bytes
    return path.getFileSystem(conf.get()).create(path, true);
  }

  private static List<ModelDirectory.Part> sorted(List<ModelDirectory.Part> parts) {
    List<ModelDirectory.Part> copy = new ArrayList<>(parts);
    copy.sort(Comparator.comparing(ModelDirectory.Part::name));
    return copy;
  }

  private static void moveIntoPlace(FileSystem fs, Path complete, Path target, String applicationId)
      throws IOException {
    Path previous = null;
    if (fs.exists(target)) {
      previous = new Path(target.getParent(), "." + target.getName() + "." + applicationId + ".old");
      if (!fs.rename(target, previous)) {
        throw new IOException("cannot move the old model " + target + " aside to " + previous);
      }
    }
    if (!fs.rename(complete, target)) {
      if (previous != null) {
        fs.rename(previous, target);
      }
      throw new IOException("cannot rename " + complete + " to " + target);
    }
    if (previous != null) {
      fs.delete(previous, true);
    }
  }
}
