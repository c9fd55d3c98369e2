package dev.encore.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads request bodies: at most {@code maxBytes} (counted as read, so a chunked body without a
 * Content-Length cannot slip past the limit), sent as {@code application/json}, parsed by the
 * strict {@link ServerJson} mapper (duplicate keys refused), and never null: neither the body,
 * nor an item of a batch, nor a field (a field left out takes its default; one sent as
 * {@code null} is refused, so "null" never silently means something). Every way a body can be
 * wrong becomes an {@link ApiException} whose message names the field.
 */
final class JsonBodies {
  private final ObjectMapper mapper;
  private final long maxBytes;
  private final int maxBatch;

  JsonBodies(ObjectMapper mapper, long maxBytes, int maxBatch) {
    this.mapper = mapper;
    this.maxBytes = maxBytes;
    this.maxBatch = maxBatch;
  }

  /** The body as one {@code type}; an empty body is an error. */
  <T> T read(Context ctx, Class<T> type) {
    return one(body(ctx), type);
  }

  /** The body as {@code type}, or {@code fallback} when the body is empty. */
  <T> T readOptional(Context ctx, Class<T> type, T fallback) {
    return optional(body(ctx), type, fallback);
  }

  /** A body that is either one {@code type} object or an array of them. */
  <T> List<T> readOneOrMany(Context ctx, Class<T> type) {
    return oneOrMany(body(ctx), type);
  }

  /** {@link #read} once the bytes are in. */
  <T> T one(byte[] body, Class<T> type) {
    return convert(requireObject(parse(body, false), ""), mapper.constructType(type), "");
  }

  /** {@link #readOptional} once the bytes are in. */
  <T> T optional(byte[] body, Class<T> type, T fallback) {
    JsonNode tree = parse(body, true);
    return tree == null ? fallback : convert(requireObject(tree, ""), mapper.constructType(type), "");
  }

  /** {@link #readOneOrMany} once the bytes are in. */
  <T> List<T> oneOrMany(byte[] body, Class<T> type) {
    JsonNode tree = parse(body, false);
    if (!tree.isArray()) {
      T single = convert(requireObject(tree, ""), mapper.constructType(type), "");
      return List.of(single);
    }
    if (tree.isEmpty()) {
      throw ApiException.badRequest("empty_batch", "The body is an empty array: send at least one item.");
    }
    List<T> items = new ArrayList<>(tree.size());
    if (tree.size() > maxBatch) {
      throw new ApiException(413, "batch_too_large", String.format(Locale.ROOT,
          "The batch has %,d items, more than the limit of %,d: split it (the limit is set with --max-batch).",
          tree.size(), maxBatch));
    }
    for (int i = 0; i < tree.size(); i++) {
      String prefix = "[" + i + "]";
      items.add(convert(requireObject(tree.get(i), prefix), mapper.constructType(type), prefix));
    }
    return items;
  }

  /** The body (or a batch item) must be a JSON object with no field set to null. */
  private static JsonNode requireObject(JsonNode node, String prefix) {
    String what = prefix.isEmpty() ? "The body" : "Item " + prefix;
    if (!node.isObject()) {
      throw ApiException.badRequest(node.isNull() ? "null_body" : "invalid_body", what + " is "
          + (node.isNull() ? "null" : "a JSON " + node.getNodeType().toString().toLowerCase(Locale.ROOT))
          + ": send a JSON object; see /openapi.json for its fields.");
    }
    rejectNullFields(node, prefix);
    return node;
  }

  private static void rejectNullFields(JsonNode node, String path) {
    if (node.isObject()) {
      node.fields().forEachRemaining(field -> {
        String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        if (field.getValue().isNull()) {
          throw ApiException.badRequest("invalid_field", "Field '" + fieldPath + "' is null: leave it out to use"
              + " its default, or give a value.");
        }
        rejectNullFields(field.getValue(), fieldPath);
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        if (node.get(i).isNull()) {
          throw ApiException.badRequest("invalid_field", "Field '" + path + "[" + i + "]' is null: give a value.");
        }
        rejectNullFields(node.get(i), path + "[" + i + "]");
      }
    }
  }

  /** The body's bytes, within the size limit, and sent as JSON unless blank. */
  private byte[] body(Context ctx) {
    byte[] body = boundedBody(ctx);
    if (!isBlank(body)) {
      requireJsonContentType(ctx);
    }
    return body;
  }

  private JsonNode parse(byte[] body, boolean emptyAllowed) {
    if (isBlank(body)) {
      if (emptyAllowed) {
        return null;
      }
      throw ApiException.badRequest("missing_body", "The request needs a JSON body; see /openapi.json for its fields.");
    }
    try {
      return mapper.readTree(utf8(body));
    } catch (MismatchedInputException e) {
      // readTree raises this only for content after the first value, in words that name Jackson's own types.
      throw ApiException.badRequest("malformed_json", "The body has more after its JSON value" + position(e)
          + ": send one JSON value (an object, or an array of them for a batch).");
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("malformed_json", "The body is not valid JSON" + position(e) + ": "
          + e.getOriginalMessage().lines().findFirst().orElse("") + ".");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String position(JsonProcessingException e) {
    JsonLocation where = e.getLocation();
    return where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
  }

  /**
   * The body as text: JSON between systems is UTF-8 (RFC 8259 section 8.1), so it is decoded as
   * UTF-8 and nothing else. Left to guess, the parser takes some bodies for UTF-16 or UTF-32 and
   * then fails on them in ways that are not parse errors.
   */
  private static String utf8(byte[] body) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw ApiException.badRequest("malformed_json", "The body is not valid UTF-8 (at byte " + firstBadByte(body)
          + "): send JSON encoded as UTF-8.");
    }
  }

  private static int firstBadByte(byte[] body) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
    ByteBuffer in = ByteBuffer.wrap(body);
    decoder.decode(in, CharBuffer.allocate(body.length + 1), true);
    return in.position();
  }

  /** A body must say it is JSON; a form or text post is a client mistake worth naming, not guessing. */
  private static void requireJsonContentType(Context ctx) {
    String contentType = ctx.contentType();
    String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json") && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
      throw new ApiException(415, "unsupported_media_type", "The body must be sent with Content-Type: application/json"
          + (contentType == null ? " (none was given)" : " (got '" + contentType + "')") + ".");
    }
  }

  private byte[] boundedBody(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) {
      throw tooLarge();
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (body.length > maxBytes) {
        throw tooLarge();
      }
      return body;
    } catch (IOException e) {
      throw ApiException.badRequest("unreadable_body", "The request body could not be read: " + e.getMessage());
    }
  }

  private ApiException tooLarge() {
    return new ApiException(413, "payload_too_large", String.format(Locale.ROOT,
        "The request body is larger than the limit of %,d bytes: split it into smaller batches"
            + " (the server's limit is set with --max-body-bytes).", maxBytes));
  }

  private <T> T convert(JsonNode tree, JavaType type, String prefix) {
    try {
      return mapper.treeToValue(tree, type);
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
          .map(Object::toString).sorted().collect(Collectors.joining(", "));
      throw ApiException.badRequest("unknown_field", "Field '" + path(prefix, e) + "' is not known; the fields are: "
          + known + ".");
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw ApiException.badRequest("invalid_field", (prefix.isEmpty() ? "" : "Item " + prefix + ": ")
          + cause.getMessage());
    } catch (InvalidFormatException e) {
      throw ApiException.badRequest("invalid_field", "Field '" + path(prefix, e) + "' must be "
          + describe(e.getTargetType()) + ", got " + e.getValue() + ".");
    } catch (MismatchedInputException e) {
      throw ApiException.badRequest("invalid_field", "Field '" + path(prefix, e) + "' must be "
          + describe(e.getTargetType()) + ".");
    } catch (JsonMappingException e) {
      throw ApiException.badRequest("invalid_field", "Field '" + path(prefix, e) + "': " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("malformed_json", "The body could not be read: " + e.getOriginalMessage());
    }
  }

  private static String path(String prefix, JsonMappingException e) {
    StringBuilder path = new StringBuilder(prefix);
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "(body)" : path.toString();
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == float.class || type == Float.class || type == double.class || type == Double.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == java.time.Instant.class) {
      return "an ISO-8601 time such as 2026-01-31T20:15:00Z";
    }
    if (java.util.List.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (java.util.Map.class.isAssignableFrom(type)) {
      return "an object";
    }
    return "a JSON object";
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }
}
