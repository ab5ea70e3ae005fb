package io.ecd.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingFileHandlerTest {

  private static RotatingFileHandler handler(Path file, long limit, int count) {
    RotatingFileHandler h = new RotatingFileHandler(file, limit, count);
    h.setFormatter(new Formatter() {
      @Override
      public String format(LogRecord r) {
        return r.getMessage() + "\n";
      }
    });
    return h;
  }

  private static void log(RotatingFileHandler h, String message) {
    h.publish(new LogRecord(Level.INFO, message));
  }

  @Test
  void writesToTheNamedFileWithoutLockFiles(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("email_collection_detections.log");
    log(handler(file, 1000, 5), "one");
    assertEquals("one\n", Files.readString(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void rotatesPastTheLimitKeepingCountFilesSplunkStyle(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("app.log");
    RotatingFileHandler h = handler(file, 10, 3);
    for (String m : List.of("aaaa", "bbbb", "cccc", "dddd", "eeee")) {
      log(h, m); // 5 bytes each: two fit in 10 bytes
    }
    assertEquals("eeee\n", Files.readString(file));
    assertEquals("cccc\ndddd\n", Files.readString(dir.resolve("app.log.1")));
    assertEquals("aaaa\nbbbb\n", Files.readString(dir.resolve("app.log.2")));
    assertFalse(Files.exists(dir.resolve("app.log.3")), "only count files are kept");
  }

  @Test
  void twoWritersAppendToTheSameFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("app.log");
    RotatingFileHandler first = handler(file, 1000, 5);
    RotatingFileHandler second = handler(file, 1000, 5);
    log(first, "from one");
    log(second, "from two");
    log(first, "from one again");
    assertEquals("from one\nfrom two\nfrom one again\n", Files.readString(file));
  }

  @Test
  void percentSignsInThePathAreLiteral(@TempDir Path dir) throws IOException {
    Path sub = Files.createDirectories(dir.resolve("%t%h"));
    Path file = sub.resolve("app.log");
    log(handler(file, 1000, 5), "x");
    assertTrue(Files.exists(file));
  }
}
