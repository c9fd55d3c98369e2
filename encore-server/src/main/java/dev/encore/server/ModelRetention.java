package dev.encore.server;

import dev.encore.index.IndexFile;
import dev.encore.store.EncoreStore;
import dev.encore.store.ModelRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the model files of the newest {@code keep} versions that have one, and the serving
 * version's whatever its age; older files are deleted and their versions marked so in the models
 * table (their rows, settings and metrics stay). Runs at start-up and after every new version.
 */
final class ModelRetention {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRetention.class);

  private final EncoreStore store;
  private final int keep;

  ModelRetention(EncoreStore store, int keep) {
    this.store = store;
    this.keep = keep;
  }

  /** Removes what is beyond the limit; returns the versions whose files it removed. */
  List<Long> apply() {
    List<ModelRecord> removed = store.models().removeFilesBeyond(keep);
    for (ModelRecord record : removed) {
      deleteFile(record);
    }
    List<Long> versions = removed.stream().map(ModelRecord::version).toList();
    if (!versions.isEmpty()) {
      LOG.info("removed the model files of versions {} (keeping the newest {} and the serving one)", versions, keep);
    }
    return versions;
  }

  /**
   * Deletes a version's model file; true if there was one. Only a plain file is deleted: the
   * {@code file} column names the copy in the data directory, never a folder.
   */
  static boolean deleteFile(ModelRecord record) {
    if (record.file() == null) {
      return false;
    }
    Path file = Path.of(record.file());
    try {
      Files.deleteIfExists(IndexFile.forModel(file));
      return Files.isRegularFile(file) && Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("cannot delete model version {}'s file {}: {}; delete it by hand", record.version(), file, e.toString());
      return false;
    }
  }
}
