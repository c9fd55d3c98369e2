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
 * Refuses a path with a "." or ".." segment with a 404 ({@link JsonErrorHandler}'s JSON) before
 * Javalin sees it. Such a path names nothing here, and Jetty's static-file handler, which Javalin
 * asks before it matches routes, throws on one ("Rejected alias reference: /.") outside Javalin's
 * error handling, so the client got an empty 500 (found by {@code HostileRequestsPropertyTest}).
 */
final class DotSegmentFilter implements Filter {
  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = ((HttpServletRequest) request).getRequestURI();
    if (path != null && hasDotSegment(path)) {
      ((HttpServletResponse) response).sendError(404, "the path " + path + " has a '.' or '..' segment");
      return;
    }
    chain.doFilter(request, response);
  }

  static boolean hasDotSegment(String path) {
    for (String segment : path.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return true;
      }
    }
    return false;
  }
}
