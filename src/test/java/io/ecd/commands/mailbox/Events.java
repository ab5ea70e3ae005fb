package io.ecd.commands.mailbox;

import io.ecd.command.Output;
import io.ecd.command.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Test helpers: events, an Output that keeps everything, lookups folders. */
final class Events {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);
  static final Path SHARED = Path.of(System.getProperty("ecd.shared.dir", "../shared"));
  static final Path PROJECT = Path.of(System.getProperty("ecd.project.dir", "."));
  static final Path APP_LOOKUPS = PROJECT.resolve("app/lookups");

  private Events() {}

  static Record event(String... namesAndValues) {
    return Record.of(namesAndValues);
  }

  /** The shipped lookups, with the allowlist replaced. */
  static Path lookups(Path dir, String allowlist) throws IOException {
    for (String name : List.of(Lookups.OPERATIONS, Lookups.AGENTS)) {
      Files.copy(APP_LOOKUPS.resolve(name), dir.resolve(name));
    }
    Files.writeString(dir.resolve(Lookups.ALLOWLIST), allowlist);
    return dir;
  }

}
