package io.ecd.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LogsTest {

  @Test
  void aLoggerIsHandedOutOnlyAfterTheBackgroundSetUpHasEnded() throws InterruptedException {
    CountDownLatch begun = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<String> ranOn = new AtomicReference<>();
    Logs.initInBackground(() -> {
      begun.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ranOn.set(Thread.currentThread().getName());
    });
    assertTrue(begun.await(10, TimeUnit.SECONDS), "the set-up thread did not start");

    AtomicReference<Logger> got = new AtomicReference<>();
    Thread asking = new Thread(() -> got.set(Logs.get(LogsTest.class)));
    asking.start();
    asking.join(300);
    assertTrue(asking.isAlive(), "Logs.get returned while the set-up was still running");

    release.countDown();
    asking.join(10_000);
    assertEquals(LogsTest.class.getName(), got.get().getName());
    assertEquals(Logs.APP + "-log-init", ranOn.get());
  }

  @Test
  void loggingLeftWhileTheSetUpRunsIsDoneOnItsThreadInOrderAndBeforeALaterLoggerIsHandedOut()
      throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    Logs.initInBackground(() -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    java.util.List<String> ran = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    // does not wait for the set-up, which is held until released
    Logs.whenReady(() -> ran.add("first on " + Thread.currentThread().getName()));
    Logs.whenReady(() -> ran.add("second on " + Thread.currentThread().getName()));
    assertEquals(java.util.List.of(), ran);

    release.countDown();
    Logs.get(LogsTest.class);
    String setUp = Logs.APP + "-log-init";
    assertEquals(java.util.List.of("first on " + setUp, "second on " + setUp), ran);

    // once the set-up has ended, at once on the caller's thread
    Logs.whenReady(() -> ran.add("third on " + Thread.currentThread().getName()));
    assertEquals("third on " + Thread.currentThread().getName(), ran.get(2));
  }
}
