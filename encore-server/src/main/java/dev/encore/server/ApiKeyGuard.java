package dev.encore.server;

import dev.encore.io.OwnerOnly;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Checks {@code X-API-Key} before matched routes: always for {@link Access#WRITE}, for
 * {@link Access#READ} only with keyed reads. Keys are compared in constant time.
 */
final class ApiKeyGuard {
  static final String HEADER = "X-API-Key";
  static final String KEY_FILE = "api-key";

  private final byte[] key;
  private final boolean keyedReads;

  /** {@code keyedReads}: whether reads need the key too. */
  ApiKeyGuard(String key, boolean keyedReads) {
    this.key = key.getBytes(StandardCharsets.UTF_8);
    this.keyedReads = keyedReads;
  }

  void check(Context ctx) {
    boolean needsKey = ctx.routeRoles().contains(Access.WRITE)
        || (keyedReads && ctx.routeRoles().contains(Access.READ));
    if (!needsKey) {
      return;
    }
    String sent = ctx.header(HEADER);
    if (sent == null || sent.isBlank()) {
      throw new ApiException(401, "missing_api_key", "This request needs the API key in the " + HEADER
          + " header (the server's --api-key, or the key saved in its data directory's '" + KEY_FILE + "' file).");
    }
    if (!MessageDigest.isEqual(key, sent.strip().getBytes(StandardCharsets.UTF_8))) {
      throw new ApiException(403, "invalid_api_key", "The " + HEADER + " header does not match the server's API key.");
    }
  }

  /**
   * The configured key, or the one saved in {@code <dataDirectory>/api-key}, created (random,
   * readable by the owner only) the first time, so a server is never left open by default.
   */
  static String resolveKey(String configured, Path dataDirectory) {
    if (configured != null) {
      return configured;
    }
    Path file = dataDirectory.resolve(KEY_FILE);
    try {
      if (!Files.exists(file)) {
        OwnerOnly.createDirectories(dataDirectory);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
          OwnerOnly.createFile(file);
        } catch (FileAlreadyExistsException e) {
          return read(file);
        }
        Files.writeString(file, fresh + "\n", StandardCharsets.UTF_8);
        return fresh;
      }
      // A key file an older version (or a hand) left readable by others is narrowed, not trusted as is.
      OwnerOnly.restrict(file);
      return read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the API key file " + file + ": " + e.getMessage(), e);
    }
  }

  private static String read(Path file) throws IOException {
    String key = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (key.length() < 8) {
      throw new IllegalStateException("the API key in " + file + " is shorter than 8 characters; delete the file"
          + " to have a new one made, or pass --api-key");
    }
    return key;
  }
}
