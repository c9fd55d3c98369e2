package dev.encore.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The module opens Spark needs on JDK 17 and later: the list in Spark's own
 * {@code JavaModuleOptions} (see STACK.md). The module's pom repeats it for the test JVM.
 */
final class SparkModuleOpens {
  private static final List<String> PACKAGES = List.of(
      "java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio", "java.util",
      "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref", "sun.nio.ch", "sun.nio.cs",
      "sun.security.action", "sun.util.calendar");

  static final List<String> FLAGS = flags();

  private SparkModuleOpens() {}

  private static List<String> flags() {
    List<String> flags = new ArrayList<>();
    for (String pkg : PACKAGES) {
      flags.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
    }
    flags.add("-Djdk.reflect.useDirectMethodHandle=false");
    return List.copyOf(flags);
  }
}
