package io.ecd.cli.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CliArgsTest {
  private static final Set<String> VALUED = Set.of("--host", "--port");
  private static final Set<String> FLAGS = Set.of("--insecure");

  private static CliArgs parse(String... args) {
    return CliArgs.parse("tool", args, VALUED, FLAGS);
  }

  private static String error(String... args) {
    return assertThrows(CliException.class, () -> parse(args)).getMessage();
  }

  @Test
  void optionsFlagsAndFilesAreSeparated() {
    CliArgs a = parse("--host", "h", "a.csv", "--insecure", "--port=8089", "--", "--odd-name.csv");
    assertEquals("h", a.string("--host", null));
    assertEquals(8089, a.integer("--port", 1, 1, 65535));
    assertTrue(a.flag("--insecure"));
    assertEquals(List.of("a.csv", "--odd-name.csv"), a.positional());
  }

  @Test
  void mistakesAreNamed() {
    assertEquals("tool: unknown option --hots (see tool --help)", error("--hots", "h"));
    assertEquals("tool: option --host needs a value (see tool --help)", error("--host"));
    assertEquals("tool: option --host is given more than once (see tool --help)", error("--host", "a", "--host", "b"));
    assertEquals("tool: option --insecure takes no value (see tool --help)", error("--insecure=yes"));
    assertEquals("tool: unknown option -x (see tool --help)", error("-x"));
    assertEquals("tool: option --port has value '99999'; expected a whole number between 1 and 65535 (see tool --help)",
        assertThrows(CliException.class, () -> parse("--port", "99999").integer("--port", 1, 1, 65535)).getMessage());
  }

  @Test
  void secretsOnTheCommandLineAreRefusedWithoutEcho() {
    String m = error("--token=abcdef-secret");
    assertEquals("tool: credentials are never taken from the command line (--token); set SPLUNK_TOKEN, or "
        + "SPLUNK_USERNAME and SPLUNK_PASSWORD, in the environment, or use --token-file PATH (see tool --help)", m);
  }
}
