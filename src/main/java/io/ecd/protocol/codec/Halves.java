package io.ecd.protocol.codec;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Runs the two halves of a large body's decoding or encoding at once: one on the calling thread,
 * the other on the common pool. Only when the JVM has two processors or more; a user
 * keeps a command on one with {@code ECD_JAVA_OPTS=-XX:ActiveProcessorCount=1}.
 */
final class Halves {
  /** Bodies smaller than this are not split: the hand-over would cost more than it saves. */
  static final int MIN_BYTES = 1 << 20;
  private static final boolean AVAILABLE = Runtime.getRuntime().availableProcessors() > 1;

  private Halves() {}

  static boolean available() {
    return AVAILABLE;
  }

  /**
   * Both results, in order; null when either half gave null or failed with a {@link
   * CodecException} (the caller then does the work in one pass, which reports the error as a
   * single pass does). The second half has always ended when this returns.
   */
  static <T> List<T> both(Callable<T> first, Callable<T> second) {
    ForkJoinTask<T> other = fork(second);
    T a;
    try {
      a = call(first);
    } finally {
      other.quietlyJoin();
    }
    T b = join(other);
    return a == null || b == null ? null : List.of(a, b);
  }

  /** Starts {@code task} on the common pool; {@link #join} gives its result. */
  static <T> ForkJoinTask<T> fork(Callable<T> task) {
    return ForkJoinPool.commonPool().submit(task);
  }

  /**
   * Waits for {@code task} to end: its result, or null when it failed with a {@link
   * CodecException}; any other failure is thrown again.
   */
  static <T> T join(ForkJoinTask<T> task) {
    try {
      return task.get();
    } catch (ExecutionException e) {
      return rethrowOrNull(e.getCause());
    } catch (InterruptedException e) {
      task.quietlyJoin();
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static <T> T call(Callable<T> task) {
    try {
      return task.call();
    } catch (CodecException e) {
      return null;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T rethrowOrNull(Throwable cause) {
    if (cause instanceof CodecException) {
      return null;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    throw new IllegalStateException(cause);
  }
}
