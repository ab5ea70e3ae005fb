package io.ecd.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Appends formatted records to one file, as Splunk's own logs are kept: {@code name.log} is the
 * current file, {@code name.log.1} … {@code name.log.<count-1>} the older ones. Many search
 * processes write the same file at once: each record is one append (O_APPEND), no lock file is used,
 * and a rotation that another process already did is simply skipped.
 */
final class RotatingFileHandler extends Handler {
  private final Path file;
  private final long limit;
  private final int count;

  /**
   * @param file the current log file
   * @param limit bytes after which the file is rotated
   * @param count files kept, the current one included
   */
  RotatingFileHandler(Path file, long limit, int count) {
    this.file = file;
    this.limit = limit;
    this.count = count;
  }

  @Override
  public synchronized void publish(LogRecord record) {
    if (!isLoggable(record)) {
      return;
    }
    byte[] bytes;
    try {
      bytes = getFormatter().format(record).getBytes(StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      reportError("cannot format a log record", e, ErrorManager.FORMAT_FAILURE);
      return;
    }
    try {
      rotateIfFull(bytes.length);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
      }
    } catch (IOException e) {
      reportError("cannot write " + file, e, ErrorManager.WRITE_FAILURE);
    }
  }

  private void rotateIfFull(int adding) throws IOException {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      return;
    }
    if (size == 0 || size + adding <= limit) {
      return;
    }
    try {
      for (int i = count - 1; i >= 1; i--) {
        Path older = generation(i);
        Path newer = i == 1 ? file : generation(i - 1);
        if (Files.exists(newer)) {
          Files.move(newer, older, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (NoSuchFileException e) {
      // another process rotated at the same moment
    }
  }

  private Path generation(int i) {
    return file.resolveSibling(file.getFileName() + "." + i);
  }

  @Override
  public void flush() {
    // every record is written and closed at once
  }

  @Override
  public void close() {
    // nothing held open
  }
}
