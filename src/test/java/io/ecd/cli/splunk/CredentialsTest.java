package io.ecd.cli.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {
  @TempDir Path dir;

  @Test
  void jwtTokenIsSentAsBearerAndOtherTokensAsSplunk() {
    assertEquals("Bearer " + FakeSplunkd.TOKEN,
        Credentials.resolve("t", null, Map.of("SPLUNK_TOKEN", FakeSplunkd.TOKEN)).authorization());
    assertEquals("Splunk abc123def456",
        Credentials.resolve("t", null, Map.of("SPLUNK_TOKEN", " abc123def456\n")).authorization());
    assertEquals("Bearer xyz", Credentials.resolve("t", null, Map.of("SPLUNK_TOKEN", "Bearer xyz")).authorization());
  }

  @Test
  void tokenFileWinsOverEnvironment() throws IOException {
    Path f = dir.resolve("tok");
    Files.writeString(f, "from-file-token\n");
    Credentials c = Credentials.resolve("t", f, Map.of("SPLUNK_TOKEN", "env-token", "SPLUNK_USERNAME", "u", "SPLUNK_PASSWORD", "p"));
    assertEquals("Splunk from-file-token", c.authorization());
    assertEquals("token file " + f, c.origin());
  }

  @Test
  void tokenWinsOverUserAndPassword() {
    Credentials c = Credentials.resolve("t", null, Map.of("SPLUNK_TOKEN", "tok-123456", "SPLUNK_USERNAME", "u", "SPLUNK_PASSWORD", "p"));
    assertEquals("SPLUNK_TOKEN", c.origin());
  }

  @Test
  void badTokenFilesAreUsageErrorsThatNeverQuoteTheContent() throws IOException {
    Path two = dir.resolve("two");
    Files.writeString(two, "secret-line-one\nsecret-line-two\n");
    CliException e = assertThrows(CliException.class, () -> Credentials.resolve("verify", two, Map.of()));
    assertEquals("verify: --token-file " + two + " holds more than one line; expected one token", e.getMessage());
    assertEquals(2, e.exitCode());

    Path empty = dir.resolve("empty");
    Files.writeString(empty, "  \n");
    assertEquals("verify: --token-file " + empty + " is empty; expected one token",
        assertThrows(CliException.class, () -> Credentials.resolve("verify", empty, Map.of())).getMessage());
    assertEquals("verify: --token-file " + dir.resolve("none") + " does not exist",
        assertThrows(CliException.class, () -> Credentials.resolve("verify", dir.resolve("none"), Map.of())).getMessage());
  }

  @Test
  void userWithoutPasswordIsAUsageError() {
    assertEquals("replay: SPLUNK_PASSWORD is not set; SPLUNK_USERNAME and SPLUNK_PASSWORD go together",
        assertThrows(CliException.class, () -> Credentials.resolve("replay", null, Map.of("SPLUNK_USERNAME", "u"))).getMessage());
  }

  @Test
  void toStringAndScrubHideSecrets() {
    Credentials c = Credentials.resolve("t", null, Map.of("SPLUNK_USERNAME", "admin", "SPLUNK_PASSWORD", "Pa55-word-xyz"));
    assertEquals("Credentials[user admin from SPLUNK_USERNAME/SPLUNK_PASSWORD]", c.toString());
    assertEquals("failed: ****", c.scrub("failed: Pa55-word-xyz"));
    Credentials t = Credentials.resolve("t", null, Map.of("SPLUNK_TOKEN", FakeSplunkd.TOKEN));
    assertFalse(t.toString().contains(FakeSplunkd.TOKEN));
  }
}
