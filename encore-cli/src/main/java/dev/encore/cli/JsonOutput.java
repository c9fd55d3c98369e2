package dev.encore.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.encore.data.Interactions;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Prints values as JSON with Jackson, the one format scripts read from {@code --json}. */
final class JsonOutput {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private JsonOutput() {}

  /** The users, items and entries of {@code interactions}, as every command's JSON reports them. */
  static Map<String, Object> sizes(Interactions interactions) {
    Map<String, Object> sizes = new LinkedHashMap<>();
    sizes.put("users", interactions.users().size());
    sizes.put("items", interactions.items().size());
    sizes.put("entries", interactions.nnz());
    return sizes;
  }

  static void print(PrintWriter out, Object value) {
    try {
      out.println(MAPPER.writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
