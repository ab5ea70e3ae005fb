package io.ecd.log;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Sets up java.util.logging once per process: WARNING and above to stderr (splunkd writes each
 * stderr line into search.log), INFO and above to {@code $SPLUNK_HOME/var/log/splunk/<app>.log},
 * rotated at 10 MB with 5 files kept. Nothing is ever written to stdout. Every line is redacted.
 */
public final class Logs {
  /** The app id; also the log file's base name. */
  public static final String APP = "email_collection_detections";
  private static final int FILE_LIMIT = 10 * 1024 * 1024;
  private static final int FILE_COUNT = 5;
  private static volatile boolean initialised;
  /** The thread running {@link #init}, when {@link #initInBackground} started one. */
  private static volatile Thread initThread;
  /** Guards {@link #pending}; not Logs.class, which {@link #init} holds while it runs. */
  private static final Object PENDING_LOCK = new Object();
  /** What {@link #whenReady} left for the set-up thread to run; null when there is none running. */
  private static List<Runnable> pending;

  private Logs() {}

  /** A logger for {@code type}, once the handlers are installed if that has begun. */
  public static Logger get(Class<?> type) {
    awaitSetUp();
    return Logger.getLogger(type.getName());
  }

  /**
   * Starts {@link #init} on a thread of its own and returns: java.util.logging's set-up and a
   * first formatted line take some 15 ms of a command's start-up, which the caller spends on the
   * request meanwhile. {@link #get} waits for it. The thread also sets {@code then}'s work going
   * after it, such as the process's uncaught-exception handler.
   */
  public static void initInBackground(Runnable then) {
    Thread t = new Thread(new Runnable() { // not a lambda: linking one costs start-up too
      @Override
      public void run() {
        try {
          init();
          // the first line's formatting loads the time and process classes: here, not on a search's path
          new RedactingFormatter().format(new LogRecord(Level.INFO, ""));
          then.run();
        } finally {
          runPending();
        }
      }
    }, APP + "-log-init");
    t.setDaemon(true);
    synchronized (PENDING_LOCK) {
      pending = new ArrayList<>();
    }
    initThread = t;
    t.start();
  }

  /** Waits for the background set-up, if one was started, and what it was left to log. */
  public static void awaitSetUp() {
    Thread t = initThread;
    if (t != null && t != Thread.currentThread()) {
      joinUninterruptibly(t);
    }
  }

  /**
   * Runs {@code logging} (a call to a logger from {@link #get}) without waiting for the set-up:
   * now when it has ended, else on its thread right after it, in the order of the calls. A later
   * {@link #get} waits for those too, so lines keep their order.
   */
  public static void whenReady(Runnable logging) {
    synchronized (PENDING_LOCK) {
      if (pending != null) {
        pending.add(logging);
        return;
      }
    }
    logging.run();
  }

  /** On the set-up thread: runs what {@link #whenReady} left, until nothing more comes. */
  private static void runPending() {
    while (true) {
      List<Runnable> batch;
      synchronized (PENDING_LOCK) {
        batch = pending;
        if (batch.isEmpty()) {
          pending = null;
          return;
        }
        pending = new ArrayList<>();
      }
      for (Runnable logging : batch) {
        try {
          logging.run();
        } catch (RuntimeException e) {
          System.err.println(APP + ": a log line could not be written: " + e);
        }
      }
    }
  }

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Installs the handlers; safe to call more than once. */
  public static synchronized void init() {
    if (initialised) {
      return;
    }
    initialised = true;
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    root.setLevel(Level.INFO);
    Formatter formatter = new RedactingFormatter();
    StreamHandler stderr = new StreamHandler(System.err, formatter) {
      @Override
      public synchronized void publish(LogRecord record) {
        super.publish(record);
        flush();
      }
    };
    stderr.setLevel(Level.WARNING);
    root.addHandler(stderr);
    Path file = logFile();
    if (file != null) {
      Handler handler = new RotatingFileHandler(file, FILE_LIMIT, FILE_COUNT);
      handler.setFormatter(formatter);
      handler.setLevel(Level.INFO);
      root.addHandler(handler);
    }
  }

  /**
   * A stream that writes to {@code target} line by line, every line redacted; for System.out and
   * System.err in protocol mode, so that whatever a library prints cannot show a secret either.
   */
  public static PrintStream redacting(PrintStream target) {
    return new PrintStream(new RedactingStream(target), true, StandardCharsets.UTF_8);
  }

  /** Buffers a line, then writes it redacted. */
  private static final class RedactingStream extends OutputStream {
    private final PrintStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    RedactingStream(PrintStream target) {
      this.target = target;
    }

    @Override
    public synchronized void write(int b) {
      line.write(b);
      if (b == '\n' || line.size() >= 1 << 16) {
        flushLine();
      }
    }

    @Override
    public synchronized void flush() {
      flushLine();
    }

    private void flushLine() {
      if (line.size() > 0) {
        target.print(Secrets.redact(line.toString(StandardCharsets.UTF_8)));
        line.reset();
      }
      target.flush();
    }
  }

  /** {@code $SPLUNK_HOME/var/log/splunk/<app>.log} when that folder exists, else null. */
  static Path logFile() {
    String home = System.getenv("SPLUNK_HOME");
    if (home == null || home.isBlank()) {
      return null;
    }
    Path dir = Path.of(home, "var", "log", "splunk").normalize();
    if (!Files.isDirectory(dir)) {
      return null;
    }
    return dir.resolve(APP + ".log");
  }

  /** One line per record (stack traces indented below it), secrets masked. */
  static final class RedactingFormatter extends Formatter {
    @Override
    public String format(LogRecord r) {
      StringBuilder b = new StringBuilder();
      b.append(Instant.ofEpochMilli(r.getMillis())).append(' ')
          .append(r.getLevel().getName()).append(' ')
          .append(APP).append(" pid=").append(ProcessHandle.current().pid()).append(' ')
          .append(shortName(r.getLoggerName())).append(" - ")
          .append(formatMessage(r).replace('\n', ' ')).append('\n');
      if (r.getThrown() != null) {
        StringWriter trace = new StringWriter();
        r.getThrown().printStackTrace(new PrintWriter(trace));
        for (String line : trace.toString().split("\n")) {
          b.append("    ").append(line.stripTrailing()).append('\n');
        }
      }
      return Secrets.redact(b.toString());
    }

    private static String shortName(String name) {
      if (name == null) {
        return "";
      }
      int dot = name.lastIndexOf('.');
      return dot < 0 ? name : name.substring(dot + 1);
    }
  }
}
