package com.peakcare.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** What a cache promises to see "within" its interval: the condition, asked every 100 ms until it holds or time is up. */
public final class Eventually {

  private Eventually() {}

  /** Whether {@code condition} held within {@code time} (asked once more at the end). */
  public static boolean within(Duration time, BooleanSupplier condition) {
    long deadline = System.nanoTime() + time.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }
}
