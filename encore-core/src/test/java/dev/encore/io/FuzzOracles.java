package dev.encore.io;

/** The checks the file-reader fuzz targets share: what a refusal must say, what a read must hold. */
final class FuzzOracles {
  private FuzzOracles() {
  }

  /** A refusal names the file it refuses and says why in words, not a Java class (unless it quotes the input). */
  static void requireMentions(RuntimeException refused, String source, String input) {
    String message = refused.getMessage();
    if (message == null || !message.contains(source) || leaks(message, input, "Exception")
        || leaks(message, input, "java.")) {
      throw new AssertionError("a refusal that does not name " + source + " in words: " + message, refused);
    }
  }

  private static boolean leaks(String message, String input, String word) {
    return message.contains(word) && !input.contains(word);
  }

  /** Every ID read comes from the input, stripped of nothing but surrounding white space. */
  static void requireIn(String text, String id, String kind) {
    if (id.isEmpty() || !text.contains(id)) {
      throw new AssertionError(kind + " id '" + id + "' is not in the input");
    }
  }
}
