package io.ecd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.cli.Main;
import io.ecd.testing.Chunks;
import io.ecd.testing.Launch;
import io.ecd.testing.Messages;
import io.ecd.testing.Reply;
import io.ecd.testing.SplunkdHarness;
import io.ecd.testing.TestCommands;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every stream in {@code src/test/resources/badinput/} against a real child process, as
 * splunkd would send it, and checks what the user gets: one ERROR message naming the fault (the
 * case's {@code .expect} gives a substring), {@code "finished":true}, the expected exit code,
 * nothing but frames on stdout, no stack trace and no session key anywhere, all within 1 s beyond
 * what a getinfo-only probe of the same command takes (JVM start-up is not counted; measured here).
 */
class BadInputCorpusTest {
  private static final Map<List<String>, Long> STARTUP_MS = new HashMap<>();

  /** The cases' names; {@code appOnly} keeps the cases of the app's own commands. */
  static Stream<String> cases(boolean appOnly) throws IOException {
    try (Stream<Path> files = Files.list(corpus())) {
      List<String> names = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".bin"))
          .map(n -> n.substring(0, n.length() - 4))
          .filter(n -> !appOnly || !TestCommands.ALL.containsKey(expectation(n).getProperty("command")))
          .sorted()
          .toList();
      return names.stream();
    }
  }

  private static Path corpus() {
    try {
      return Path.of(BadInputCorpusTest.class.getResource("/badinput").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<String> cases() throws IOException {
    return cases(false);
  }

  static Properties expectation(String name) {
    Properties expect = new Properties();
    try (Reader r = Files.newBufferedReader(corpus().resolve(name + ".expect"), StandardCharsets.UTF_8)) {
      expect.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return expect;
  }

  /** Test commands run from the test classpath; the app's commands through the jar's entry point. */
  private static List<String> launcher(String command) {
    return TestCommands.ALL.containsKey(command)
        ? Launch.classpath(TestCommands.class, command)
        : Launch.classpath(Main.class, command);
  }

  /** The fastest of two getinfo-only probes: JVM start-up, getinfo and exit, as splunkd runs them. */
  private static synchronized long startupMillis(String command, List<String> launcher) {
    return STARTUP_MS.computeIfAbsent(launcher, l -> {
      long best = Long.MAX_VALUE;
      for (int i = 0; i < 2; i++) {
        long t0 = System.nanoTime();
        try (SplunkdHarness h = SplunkdHarness.start(l, Map.of(), null, Duration.ofSeconds(20))) {
          assertEquals(1, h.sendAllAndDrain(Chunks.getinfo(command)).size());
          int code = h.exitCode(); // 1 for a command that needs options: it answers all the same
          assertTrue(code == 0 || code == 1, "exit " + code);
        }
        best = Math.min(best, (System.nanoTime() - t0) / 1_000_000);
      }
      return best;
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void endsWithOneReadableErrorWithinASecond(String name) throws IOException {
    String command = expectation(name).getProperty("command");
    replay(name, launcher(command));
  }

  /** Replays case {@code name} against the process {@code launcher} starts, and checks its answer. */
  static void replay(String name, List<String> launcher) throws IOException {
    Properties expect = expectation(name);
    byte[] input = Files.readAllBytes(corpus().resolve(name + ".bin"));
    String command = expect.getProperty("command");
    String error = expect.getProperty("error");
    int exit = Integer.parseInt(expect.getProperty("exit"));
    long startup = startupMillis(command, launcher);

    long t0 = System.nanoTime();
    try (SplunkdHarness splunkd = SplunkdHarness.start(launcher, Map.of(), null,
        Duration.ofSeconds(20))) {
      List<Reply> replies = splunkd.sendAllAndDrain(input);
      int code = splunkd.exitCode();
      long elapsed = (System.nanoTime() - t0) / 1_000_000;

      assertEquals(exit, code, () -> "exit code; stderr:\n" + splunkd.stderr());
      assertFalse(replies.isEmpty(), "no reply at all");
      Reply last = replies.get(replies.size() - 1);
      assertTrue(last.finished(), "the error reply ends the search: " + last.metadataText());
      List<String> errors = last.messages().stream().filter(m -> m.startsWith("ERROR: ")).toList();
      assertEquals(1, errors.size(), () -> "one ERROR message: " + last.messages());
      String text = errors.get(0).substring("ERROR: ".length());
      assertTrue(text.contains(error), () -> "expected the ERROR to contain\n  " + error + "\nbut got\n  " + text);
      assertTrue(text.startsWith(command + ": "), "names the command: " + text);
      Messages.assertShowable(text);
      for (Reply r : replies.subList(0, replies.size() - 1)) {
        assertTrue(r.messages().stream().noneMatch(m -> m.startsWith("ERROR")), "an earlier ERROR");
      }
      splunkd.assertSessionKeyNeverShown();
      assertFalse(splunkd.stderr().contains("\tat "), () -> "a stack trace on stderr:\n" + splunkd.stderr());
      assertTrue(elapsed - startup < 1000, () -> "took " + elapsed + " ms, start-up " + startup + " ms");
    } catch (UncheckedIOException e) {
      throw new AssertionError(name + ": " + e.getMessage(), e);
    }
  }
}
