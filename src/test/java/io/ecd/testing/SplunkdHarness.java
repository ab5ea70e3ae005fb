package io.ecd.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ecd.protocol.frame.Frame;
import io.ecd.protocol.frame.FrameReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Plays splunkd against a real child process: writes request chunks to its stdin, reads exactly
 * one reply frame per request from its stdout, and checks lockstep (no reply before its request, no
 * bytes beyond the replies, stdout holding frames only). stderr is captured. Start it with one of
 * the {@code Launch} helpers, use it in try-with-resources.
 */
public final class SplunkdHarness implements AutoCloseable {
  private static final Object EOF = new Object();

  private final Process process;
  private final OutputStream stdin;
  private final BlockingQueue<Object> frames = new ArrayBlockingQueue<>(1024);
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final Thread stdoutPump;
  private final Thread stderrPump;
  private final Duration timeout;
  private final List<Frame> replies = new ArrayList<>();
  private int requests;

  private SplunkdHarness(Process process, Duration timeout, int bytesPerRead, long pauseMillis) {
    this.process = process;
    this.stdin = process.getOutputStream();
    this.timeout = timeout;
    InputStream stdout = process.getInputStream();
    if (bytesPerRead > 0) {
      stdout = new SlowStream(stdout, bytesPerRead, pauseMillis);
    }
    FrameReader reader = new FrameReader(stdout);
    this.stdoutPump = new Thread(() -> pumpFrames(reader), "harness-stdout");
    this.stderrPump = new Thread(() -> pump(process.getErrorStream(), stderr), "harness-stderr");
    stdoutPump.setDaemon(true);
    stderrPump.setDaemon(true);
    stdoutPump.start();
    stderrPump.start();
  }

  /** Starts {@code command} (no extra environment) with a 20 s reply timeout. */
  public static SplunkdHarness start(List<String> command) {
    return start(command, Map.of(), null, Duration.ofSeconds(20));
  }

  /** Starts {@code command} with extra environment variables and a working folder. */
  public static SplunkdHarness start(
      List<String> command, Map<String, String> env, Path workDir, Duration timeout) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    if (workDir != null) {
      pb.directory(workDir.toFile());
    }
    return start(pb, timeout, 0, 0);
  }

  /**
   * Starts {@code command} and reads its stdout slowly, as a busy splunkd might: at most {@code
   * bytesPerRead} bytes per read, with a pause before each.
   */
  public static SplunkdHarness startSlowReader(
      List<String> command, Duration timeout, int bytesPerRead, long pauseMillis) {
    return start(new ProcessBuilder(command), timeout, bytesPerRead, pauseMillis);
  }

  private static SplunkdHarness start(ProcessBuilder pb, Duration timeout, int bytesPerRead, long pause) {
    try {
      return new SplunkdHarness(pb.start(), timeout, bytesPerRead, pause);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + pb.command(), e);
    }
  }

  /** A stream that hands out a few bytes at a time, pausing before each read. */
  private static final class SlowStream extends java.io.FilterInputStream {
    private final int bytesPerRead;
    private final long pauseMillis;

    SlowStream(InputStream in, int bytesPerRead, long pauseMillis) {
      super(in);
      this.bytesPerRead = bytesPerRead;
      this.pauseMillis = pauseMillis;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException();
      }
      return super.read(b, off, Math.min(len, bytesPerRead));
    }
  }

  private void pumpFrames(FrameReader reader) {
    try {
      while (true) {
        Frame f = reader.next();
        if (f == null) {
          break;
        }
        frames.put(f);
      }
    } catch (RuntimeException e) {
      frames.offer(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    frames.offer(EOF);
  }

  private static void pump(InputStream in, ByteArrayOutputStream sink) {
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = in.read(buf)) > 0) {
        synchronized (sink) {
          sink.write(buf, 0, n);
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
  }

  /** Sends raw bytes (one or more chunks, or garbage) without waiting for a reply. */
  public void send(byte[] bytes) {
    try {
      stdin.write(bytes);
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the command closed its stdin", e);
    }
  }

  /** Sends one request chunk and returns its reply, checking that exactly one reply comes back. */
  public Reply request(byte[] chunk) {
    assertNoUnsolicitedReply();
    send(chunk);
    requests++;
    return nextReply();
  }

  /** Sends a getinfo chunk for {@code command} with {@code args}. */
  public Reply getinfo(String command, String... args) {
    return request(Chunks.getinfo(command, args));
  }

  /** Sends an execute chunk with a CSV body. */
  public Reply execute(boolean finished, String csvBody) {
    return request(Chunks.execute(finished, csvBody));
  }

  /** The next reply frame, failing on timeout, EOF or a malformed frame on stdout. */
  public Reply nextReply() {
    Object o = poll();
    if (o == null) {
      fail("no reply within " + timeout + " to request " + requests + "; stderr:\n" + stderr());
    }
    if (o == EOF) {
      frames.offer(EOF);
      fail("stdout closed before the reply to request " + requests + "; stderr:\n" + stderr());
    }
    return reply(o);
  }

  /** The next item the stdout reader queued (a frame, EOF or a read error), or null on timeout. */
  private Object poll() {
    try {
      return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }

  /** A queued frame as a reply (kept in the transcript); a read error fails the test. */
  private Reply reply(Object o) {
    if (o instanceof RuntimeException e) {
      throw new AssertionError("stdout holds something other than frames: " + e.getMessage()
          + "\nstderr:\n" + stderr(), e);
    }
    Frame f = (Frame) o;
    replies.add(f);
    return Reply.of(f);
  }

  private void assertNoUnsolicitedReply() {
    Object pending = frames.peek();
    if (pending instanceof Frame) {
      fail("the command sent a frame nobody asked for after " + requests + " requests");
    }
  }

  /**
   * Sends {@code input} as it is (a corrupt stream, say), closes stdin, and collects every frame the
   * command writes until its stdout ends; the command may stop reading early, so a broken pipe while
   * sending is not an error. Fails on a timeout or on stdout bytes that are not frames.
   *
   * @return the replies, in order
   */
  public List<Reply> sendAllAndDrain(byte[] input) {
    try {
      stdin.write(input);
      stdin.flush();
    } catch (IOException e) {
      // the command has stopped reading (it answered with an error and exited)
    }
    closeStdin();
    List<Reply> all = new ArrayList<>();
    while (true) {
      Object o = poll();
      if (o == null) {
        fail("stdout did not end within " + timeout + "; stderr:\n" + stderr());
      }
      if (o == EOF) {
        frames.offer(EOF);
        return all;
      }
      all.add(reply(o));
    }
  }

  /** Waits for the command to exit (after {@link #sendAllAndDrain}) and gives its exit code. */
  public int exitCode() {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        fail("the command did not exit within " + timeout);
      }
      stderrPump.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return process.exitValue();
  }

  /** Closes the command's stdin, as splunkd does after the last reply. */
  public void closeStdin() {
    try {
      stdin.close();
    } catch (IOException e) {
      // already closed
    }
  }

  /** Closes stdin and waits for the exit code; checks that stdout ends with the last reply. */
  public int finish() {
    closeStdin();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        fail("the command did not exit within " + timeout + " after stdin closed");
      }
      stdoutPump.join(timeout.toMillis());
      stderrPump.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Object rest = frames.poll();
    if (rest instanceof Frame) {
      fail("the command sent an extra frame after " + requests + " requests");
    }
    if (rest instanceof RuntimeException e) {
      fail("stdout holds something other than frames after the last reply: " + e.getMessage());
    }
    assertEquals(requests, replies.size(), "one reply per request");
    return process.exitValue();
  }

  /** Like {@link #finish()}, asserting the exit code. */
  public void finishWith(int exitCode) {
    int code = finish();
    assertEquals(exitCode, code, () -> "exit code; stderr:\n" + stderr());
  }

  /** What the command wrote to stderr so far. */
  public String stderr() {
    synchronized (stderr) {
      return stderr.toString(StandardCharsets.UTF_8);
    }
  }

  /** Every reply frame received so far. */
  public List<Frame> replies() {
    return List.copyOf(replies);
  }

  /** Asserts that the session key appears in no reply and not on stderr. */
  public void assertSessionKeyNeverShown() {
    for (Frame f : replies) {
      String all = new String(f.metadata(), StandardCharsets.UTF_8)
          + new String(f.body(), StandardCharsets.UTF_8);
      assertTrue(!all.contains(Chunks.SESSION_KEY), "session key in a reply");
    }
    assertTrue(!stderr().contains(Chunks.SESSION_KEY), "session key on stderr");
  }

  @Override
  public void close() {
    closeStdin();
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
