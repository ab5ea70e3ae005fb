package io.ecd.cli.splunk;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, redrawn with a carriage return at most ten times a second:
 * {@code [##########----------]  50%  1,000/2,000 events  1.2 MB  3.1 s}.
 */
final class ProgressBar {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintStream err;
  private final long total;
  private final long start = System.nanoTime();
  private long lastDraw = Long.MIN_VALUE;

  ProgressBar(PrintStream err, long total) {
    this.err = err;
    this.total = total;
  }

  void update(long done, long bytes) {
    long now = System.nanoTime();
    if (lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS && done < total) {
      return;
    }
    lastDraw = now;
    err.print("\r" + line(done, bytes, (now - start) / 1e9));
    err.flush();
  }

  void finish(long done, long bytes) {
    lastDraw = Long.MIN_VALUE;
    update(done, bytes);
    err.println();
  }

  String line(long done, long bytes, double seconds) {
    int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
    long percent = total == 0 ? 100 : 100 * done / total;
    return String.format(Locale.ROOT, "[%s%s] %3d%%  %,d/%,d events  %s  %.1f s",
        "#".repeat(filled), "-".repeat(WIDTH - filled), percent, done, total, bytes(bytes), seconds);
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
  }
}
