package dev.encore.store;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text as search compares it: accents stripped (NFD, combining marks removed), lower case, runs
 * of white space as one space. Done in Java rather than SQL because SQLite has no accent folding
 * and PostgreSQL's needs an extension.
 */
final class SearchText {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private SearchText() {
  }

  static String of(String text) {
    String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
    return SPACE.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }

  /** The LIKE pattern that finds {@code query}, folded, anywhere in folded text. */
  static String containing(String query) {
    return containingLiterally(of(query));
  }

  /** The LIKE pattern that finds {@code text} anywhere, its own % and _ taken literally (escape \). */
  static String containingLiterally(String text) {
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
