package io.ecd.commands.mailbox;

import io.ecd.command.Output;
import io.ecd.command.Record;
import io.ecd.protocol.codec.BodyDecoder;
import io.ecd.protocol.frame.Frame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

  /**
   * The event as splunkd sends it (every value quoted, an empty {@code __mv_} column per field),
   * decoded by the body decoder: its values are still in their wire form.
   */
  static Record decoded(String... namesAndValues) {
    StringBuilder header = new StringBuilder();
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      String sep = i == 0 ? "" : ",";
      header.append(sep).append(namesAndValues[i]);
      row.append(sep).append('"').append(namesAndValues[i + 1].replace("\"", "\"\"")).append('"');
    }
    for (int i = 0; i < namesAndValues.length; i += 2) {
      header.append(",__mv_").append(namesAndValues[i]);
      row.append(',');
    }
    byte[] body = (header + "\n" + row + "\n").getBytes(StandardCharsets.UTF_8);
    List<Record> records = new BodyDecoder().decode(new Frame(2, 0, 20, new byte[20], body));
    return records.get(0);
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
