package io.ecd.cli.splunk;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the tools in-process with captured output and a given environment. */
final class Runs {
  static final Map<String, String> USER_ENV =
      Map.of(Credentials.USERNAME_ENV, FakeSplunkd.USER, Credentials.PASSWORD_ENV, FakeSplunkd.PASSWORD);
  static final Map<String, String> TOKEN_ENV = Map.of(Credentials.TOKEN_ENV, FakeSplunkd.TOKEN);

  /** The outcome of one run. */
  record Run(int code, String out, String err, long millis) {
    String all() {
      return out + err;
    }
  }

  private Runs() {}

  static Run verify(Map<String, String> env, String... args) {
    return run(false, env, args);
  }

  static Run replay(Map<String, String> env, String... args) {
    return run(true, env, args);
  }

  private static Run run(boolean replay, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long start = System.nanoTime();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = replay ? Replay.run(args, o, e, env, false) : Verify.run(args, o, e, env);
    }
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
        (System.nanoTime() - start) / 1_000_000);
  }

  /** {@code --host 127.0.0.1 --port P --scheme http} followed by {@code more}. */
  static String[] on(FakeSplunkd splunkd, String... more) {
    String[] base = {"--host", "127.0.0.1", "--port", String.valueOf(splunkd.port()), "--scheme", "http"};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }
}
