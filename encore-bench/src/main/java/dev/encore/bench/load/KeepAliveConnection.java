package dev.encore.bench.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 keep-alive connection that sends GET requests and reads whole answers (bodies
 * with a Content-Length or chunked), reconnecting when the server closes it. Hand-written
 * because the load generator shares the two cores with the server it measures: the JDK's
 * HttpClient spent more CPU per request than the server's own handling (a selector thread per
 * client and asynchronous plumbing for each exchange), so it capped the measured rate at the
 * generator's cost, not the server's.
 */
final class KeepAliveConnection implements Closeable {
  private static final int TIMEOUT_MILLIS = 30_000;

  private final String host;
  private final int port;
  private final byte[] hostHeader;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private final StringBuilder line = new StringBuilder(128);

  KeepAliveConnection(URI base) {
    this.host = base.getHost();
    this.port = base.getPort() < 0 ? 80 : base.getPort();
    this.hostHeader = ("Host: " + host + ":" + port + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** Sends {@code GET pathAndQuery} and returns the status once the whole answer is read. */
  int get(String pathAndQuery) throws IOException {
    if (socket == null) {
      connect();
    }
    try {
      out.write(("GET " + pathAndQuery + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(hostHeader);
      out.flush();
      return readAnswer();
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  private void connect() throws IOException {
    Socket fresh = new Socket();
    fresh.setTcpNoDelay(true);
    fresh.setSoTimeout(TIMEOUT_MILLIS);
    fresh.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
    socket = fresh;
    in = new BufferedInputStream(fresh.getInputStream(), 1 << 16);
    out = new BufferedOutputStream(fresh.getOutputStream(), 1 << 12);
  }

  private int readAnswer() throws IOException {
    String statusLine = readLine();
    if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
      throw new IOException("not an HTTP/1.x status line: '" + statusLine + "'");
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean closes = false;
    for (String header = readLine(); !header.isEmpty(); header = readLine()) {
      int colon = header.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> closes = value.equalsIgnoreCase("close");
        default -> { }
      }
    }
    if (chunked) {
      for (long size = Long.parseLong(readLine().split(";", 2)[0].trim(), 16); size > 0;
          size = Long.parseLong(readLine().split(";", 2)[0].trim(), 16)) {
        skip(size);
        readLine();
      }
      while (!readLine().isEmpty()) {
        // trailers
      }
    } else if (length >= 0) {
      skip(length);
    } else {
      closes = true;
      while (in.read() >= 0) {
        // the body runs to the end of the connection
      }
    }
    if (closes) {
      close();
    }
    return status;
  }

  private String readLine() throws IOException {
    line.setLength(0);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("the server closed the connection mid-answer");
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  private void skip(long bytes) throws IOException {
    for (long left = bytes; left > 0; ) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new EOFException("the server closed the connection mid-body");
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a broken connection: nothing left to release
      }
      socket = null;
    }
  }
}
