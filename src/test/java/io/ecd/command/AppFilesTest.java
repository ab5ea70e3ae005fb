package io.ecd.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppFilesTest {
  @TempDir
  Path home;

  private Path lookups() throws IOException {
    Path dir = AppFiles.lookupsDir(home.toString(), "email_collection_detections");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("allow.csv"), "user\nalice\n");
    Files.writeString(home.resolve("secret.txt"), "no");
    return dir;
  }

  @Test
  void lookupsLiveInTheAppsLookupsFolder() {
    assertEquals(home.resolve("etc/apps/email_collection_detections/lookups"),
        AppFiles.lookupsDir(home.toString(), "email_collection_detections"));
    assertEquals(null, AppFiles.lookupsDir(null, "x"));
  }

  @Test
  void plainFileNameInTheFolderIsAccepted() throws IOException {
    Path dir = lookups();
    assertEquals(dir.resolve("allow.csv").toRealPath(), AppFiles.confined("cmd", "allowlist", "allow.csv", dir));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../../../secret.txt", "/etc/passwd", "sub/allow.csv", "..", ".", "", "a\\b.csv",
      "C:allow.csv"})
  void anythingButAPlainFileNameIsRefused(String name) throws IOException {
    Path dir = lookups();
    CommandException e = assertThrows(CommandException.class, () -> AppFiles.confined("cmd", "allowlist", name, dir));
    assertTrue(e.getMessage().startsWith("cmd: invalid value '" + name + "' for option allowlist; expected the"
        + " name of a file in lookups/ (no folders, no '..')"), e.getMessage());
  }

  @Test
  void missingFileIsNamed() throws IOException {
    Path dir = lookups();
    CommandException e = assertThrows(CommandException.class, () -> AppFiles.confined("cmd", "allowlist", "nope.csv", dir));
    assertEquals("cmd: option allowlist names 'nope.csv', which is not a file in " + dir
        + "; expected the name of a file in lookups/ (no folders, no '..')", e.getMessage());
  }

  @Test
  void linkPointingOutOfTheFolderIsRefused() throws IOException {
    Path dir = lookups();
    Files.createSymbolicLink(dir.resolve("sneaky.csv"), home.resolve("secret.txt"));
    CommandException e = assertThrows(CommandException.class, () -> AppFiles.confined("cmd", "allowlist", "sneaky.csv", dir));
    assertEquals("cmd: option allowlist names 'sneaky.csv', a link that points out of " + dir
        + "; expected a file in that folder", e.getMessage());
  }
}
