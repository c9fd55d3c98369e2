package dev.encore.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The body of {@code POST /v1/models/install}: where on the server's machine a model trained
 * elsewhere lies (a model file, or the model directory the Spark job writes), and optionally the
 * metrics to record with it. A wrong field is a 400 naming it.
 *
 * @param path absolute, since the server resolves nothing against its working directory
 * @param metrics a JSON object, or null to record the model's own evaluation
 */
record InstallRequest(String path, JsonNode metrics) {
  InstallRequest {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("Field 'path' is required: the absolute path, on the server's machine, of"
          + " the model file or model directory to install.");
    }
    try {
      if (!Path.of(path).isAbsolute()) {
        throw new IllegalArgumentException("Field 'path' = '" + path + "' must be an absolute path on the server's"
            + " machine.");
      }
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("Field 'path' = '" + path + "' is not a valid path: " + e.getReason() + ".");
    }
    if (metrics != null && metrics.isNull()) {
      metrics = null;
    }
    if (metrics != null && !metrics.isObject()) {
      throw new IllegalArgumentException("Field 'metrics' must be a JSON object (the model's evaluation), got "
          + metrics.getNodeType().toString().toLowerCase(Locale.ROOT) + " " + metrics + ".");
    }
  }

  Path source() {
    return Path.of(path).normalize();
  }
}
