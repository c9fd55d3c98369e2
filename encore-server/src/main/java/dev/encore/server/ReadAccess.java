package dev.encore.server;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who may read (recommendations, listeners, their plays): anyone who reaches the port, or key holders only. */
public enum ReadAccess {
  /** Open while the server listens on loopback only, keyed as soon as it listens beyond it. */
  AUTOMATIC,
  /** Every read needs the API key. */
  KEYED,
  /** Reads need no key wherever the server listens: the operator's explicit choice ({@code --open-reads}). */
  OPEN;

  /** Whether reads need the key for a server listening on {@code host}. */
  boolean keyed(String host) {
    return switch (this) {
      case KEYED -> true;
      case OPEN -> false;
      case AUTOMATIC -> !loopbackOnly(host);
    };
  }

  /**
   * Whether {@code host} reaches this machine's loopback interface and nothing else: "localhost",
   * 127.0.0.0/8 and ::1 do, the wildcard 0.0.0.0 and every interface address do not.
   */
  static boolean loopbackOnly(String host) {
    for (InetAddress address : addresses(host)) {
      if (!address.isLoopbackAddress()) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code host} is the wildcard address (0.0.0.0 or ::), which listens on every interface. */
  static boolean everyInterface(String host) {
    InetAddress[] addresses = addresses(host);
    return addresses.length == 1 && addresses[0].isAnyLocalAddress();
  }

  private static InetAddress[] addresses(String host) {
    try {
      return InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("server setting host = " + host + " is not an address of this machine: "
          + e.getMessage(), e);
    }
  }
}
