package dev.encore.bench;

import java.nio.file.Path;

/**
 * The entry point of a child JVM: {@code BenchChild REQUEST.json FIGURES.json} runs the one
 * system the request names and writes its {@link ChildFigures} as JSON. Progress goes to stderr.
 * It exits explicitly, as Spark can leave non-daemon threads behind.
 */
public final class BenchChild {
  private BenchChild() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: BenchChild REQUEST.json FIGURES.json");
      System.exit(2);
    }
    try {
      ChildRequest request = BenchJson.read(Path.of(args[0]), ChildRequest.class);
      ChildFigures figures = switch (request.system()) {
        case ENCORE, ENCORE_WR -> EncoreRun.run(request, System.err);
        case ENCORE_SPARK -> EncoreSparkRun.run(request, System.err);
        case SPARK -> SparkRun.run(request, System.err);
        case IMPLICIT -> throw new IllegalArgumentException("implicit runs in its own Python process, not a child JVM");
      };
      BenchJson.write(figures, Path.of(args[1]));
      System.exit(0);
    } catch (Exception | Error e) {
      e.printStackTrace();
      System.exit(1);
    }
  }
}
