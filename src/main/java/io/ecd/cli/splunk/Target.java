package io.ecd.cli.splunk;

import java.util.List;
import java.util.Set;

/**
 * Where splunkd is and how to reach it.
 *
 * @param host host name or address of splunkd
 * @param port its management port
 * @param scheme {@code https} or {@code http}
 * @param insecure accept any TLS certificate and host name (a lab Splunk with a self-signed one)
 * @param app app namespace, or null for none
 * @param connectTimeoutMillis TCP connect timeout
 * @param readTimeoutMillis timeout of each read from splunkd
 */
record Target(
    String host, int port, String scheme, boolean insecure, String app, int connectTimeoutMillis,
    int readTimeoutMillis) {
  static final int DEFAULT_PORT = 8089;
  static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  static final int READ_TIMEOUT_MILLIS = 20_000;

  /** Options every tool that talks to splunkd takes, with a value. */
  static final Set<String> OPTIONS = Set.of("--host", "--port", "--scheme", "--token-file");
  /** Flags every tool that talks to splunkd takes. */
  static final Set<String> FLAGS = Set.of("--insecure", "--verbose", "--help");

  /** The target given by {@code --host}, {@code --port}, {@code --scheme}, {@code --insecure}. */
  static Target from(CliArgs args, String app) {
    String host = args.required("--host", "H (the splunkd host)");
    int port = args.integer("--port", DEFAULT_PORT, 1, 65535);
    String scheme = args.choice("--scheme", "https", List.of("https", "http"));
    return new Target(
        host, port, scheme, args.flag("--insecure"), app, CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS);
  }

  Target withTimeouts(int connectMillis, int readMillis) {
    return new Target(host, port, scheme, insecure, app, connectMillis, readMillis);
  }

  /** {@code scheme://host:port}, for messages. */
  String url() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return scheme + "://" + h + ":" + port;
  }

  boolean isLoopback() {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }
}
