package dev.encore.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyTest {
  @TempDir
  Path folder;

  @BeforeEach
  void posixOnly() {
    assumeTrue(OwnerOnly.supported(folder), "POSIX permissions are not supported here");
  }

  static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void createdFilesAndFoldersAreOwnerOnly() throws IOException {
    Path nested = OwnerOnly.createDirectories(folder.resolve("a/b"));
    assertThat(permissions(folder.resolve("a"))).isEqualTo("rwx------");
    assertThat(permissions(nested)).isEqualTo("rwx------");
    assertThat(permissions(OwnerOnly.createFile(nested.resolve("key")))).isEqualTo("rw-------");
    assertThat(permissions(OwnerOnly.createTempFile(nested, "model", ".tmp"))).isEqualTo("rw-------");
  }

  @Test
  void restrictNarrowsWhatIsThereAndIgnoresWhatIsNot() throws IOException {
    Path file = Files.createFile(folder.resolve("open"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
    OwnerOnly.restrict(file);
    OwnerOnly.restrict(folder.resolve("missing"));
    assertThat(permissions(file)).isEqualTo("rw-------");
  }

  @Test
  void anAtomicallyReplacedFileIsOwnerOnly() throws IOException {
    Path target = folder.resolve("out.bin");
    Files.writeString(target, "old");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    Path temporary = AtomicFile.temporaryFor(target);
    assertThat(permissions(temporary)).as("while it is written").isEqualTo("rw-------");
    Files.writeString(temporary, "new");
    AtomicFile.moveIntoPlace(temporary, target);
    assertThat(permissions(target)).isEqualTo("rw-------");
    assertThat(Files.readString(target)).isEqualTo("new");
  }
}
