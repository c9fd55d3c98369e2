package dev.encore.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The HTTP layer's own errors as the API's {@link ErrorBody} JSON instead of Jetty's HTML pages:
 * requests Jetty refuses before any route sees them (a bad {@code %} escape, {@code %00}, an
 * encoded slash, a bad or repeated Content-Length, a URI or headers too long: 400, 414, 431).
 */
final class JsonErrorHandler extends ErrorHandler {
  private static final String JSON = "application/json;charset=utf-8";
  private final ObjectMapper mapper;

  JsonErrorHandler(ObjectMapper mapper) {
    this.mapper = mapper;
    setShowStacks(false);
    setShowServlet(false);
  }

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    int status = response.getStatus();
    Object reason = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    byte[] body = body(status, reason == null ? null : reason.toString());
    baseRequest.setHandled(true);
    if (response.isCommitted()) {
      return;
    }
    response.setContentType(JSON);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, JSON));
    return ByteBuffer.wrap(body(status, reason));
  }

  private byte[] body(int status, String reason) {
    String code = switch (status) {
      case 400 -> "bad_request";
      case 404 -> "not_found";
      case 413 -> "payload_too_large";
      case 414 -> "uri_too_long";
      case 431 -> "headers_too_large";
      default -> status >= 500 ? "server_error" : "http_" + status;
    };
    String what = HttpStatus.getMessage(status);
    String message = "The HTTP request was refused before it reached the API (" + status + " " + what + ")"
        + (reason == null || reason.isBlank() || reason.equals(what) ? "" : ": " + reason)
        + ". Check the URL's escapes and the request's headers; see /openapi.json.";
    try {
      return mapper.writeValueAsBytes(new ErrorBody(code, message));
    } catch (JsonProcessingException e) {
      return ("{\"error\":\"" + code + "\",\"message\":\"HTTP " + status + "\"}").getBytes(StandardCharsets.UTF_8);
    }
  }
}
