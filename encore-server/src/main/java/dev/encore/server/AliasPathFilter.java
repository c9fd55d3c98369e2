package dev.encore.server;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses a path that is another spelling of a shorter one, with a "." or ".." segment or an
 * empty one ("//"), also once percent-decoded ("/%2e"), with a 404 ({@link JsonErrorHandler}'s JSON) before Javalin sees it. Such a
 * path names nothing here, and Jetty's static-file handler, which Javalin asks before it matches
 * routes, throws on one ("Rejected alias reference: /.", and "//") outside Javalin's error
 * handling, so the client got an empty 500 (both found by {@code HostileRequestsPropertyTest}).
 */
final class AliasPathFilter implements Filter {
  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = ((HttpServletRequest) request).getRequestURI();
    if (path != null && (isAlias(path) || isAlias(decoded(path)))) {
      ((HttpServletResponse) response).sendError(404,
          "the path " + path + " has a '.', '..' or empty segment: it names nothing here");
      return;
    }
    chain.doFilter(request, response);
  }

  /**
   * The path percent-decoded as Javalin's static-file handler decodes it before it looks the file
   * up ("/%2e" is "/."); a malformed escape is left as it was, which names no file.
   */
  static String decoded(String path) {
    try {
      return java.net.URLDecoder.decode(path, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return path;
    }
  }

  /** Whether a segment of {@code path} is ".", ".." or empty (other than before the first "/" and after a last one). */
  static boolean isAlias(String path) {
    String[] segments = path.split("/", -1);
    for (int s = 0; s < segments.length; s++) {
      String segment = segments[s];
      boolean inside = s > 0 && s < segments.length - 1;
      if (segment.equals(".") || segment.equals("..") || (inside && segment.isEmpty())) {
        return true;
      }
    }
    return false;
  }
}
