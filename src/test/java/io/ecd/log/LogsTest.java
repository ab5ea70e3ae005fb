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
}
