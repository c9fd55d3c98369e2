package dev.encore.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks Encore's fuzz targets share: a refusal must speak to the person who sent the input,
 * in words, never naming a Java class or exception; what it quotes of the input is theirs.
 */
public final class FuzzOracles {
  /** A qualified class name (java.lang.Foo, com.fasterxml.jackson.Bar) or an exception's simple name. */
  private static final Pattern CLASS_NAME = Pattern.compile(
      "\\b(?:java|javax|jdk|sun|com|org|dev|io)(?:\\.[a-z0-9_]+)+\\.[A-Z]\\w*|\\b[A-Z]\\w*(?:Exception|Error)\\b");

  private FuzzOracles() {
  }

  /** The message of {@code refused} is words: not empty, and no class name in it that {@code input} did not contain. */
  public static void requireWords(Throwable refused, String input) {
    String message = refused.getMessage();
    if (message == null || message.isBlank()) {
      throw new AssertionError("a refusal without a message", refused);
    }
    Matcher names = CLASS_NAME.matcher(message);
    while (names.find()) {
      if (!input.contains(names.group())) {
        throw new AssertionError("a refusal that names the Java class " + names.group() + ": " + message, refused);
      }
    }
  }

  /** As {@link #requireWords}, and the message names {@code source}, the file refused. */
  public static void requireWordsNaming(Throwable refused, String input, String source) {
    requireWords(refused, input);
    if (!refused.getMessage().contains(source)) {
      throw new AssertionError("a refusal that does not name " + source + ": " + refused.getMessage(), refused);
    }
  }

  /** Every ID read comes from the input. */
  public static void requireIn(String input, String id, String kind) {
    if (id.isEmpty() || !input.contains(id)) {
      throw new AssertionError(kind + " id '" + id + "' is not in the input");
    }
  }
}
