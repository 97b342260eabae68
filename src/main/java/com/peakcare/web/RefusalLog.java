package com.peakcare.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * The one line logged for a refused request (a caller's mistake, a cross-site request, a rate limit), so that nobody
 * can fill the disk by sending refused requests: per kind of refusal at most {@value #PER_MINUTE} lines a minute;
 * beyond, the refusals are counted, and the first refusal of the next minute logs, before its own line, how many were
 * left out ({@code 2314 more of kind engine-400 in the last minute, not logged one by one}). One account
 * sending bad queries as fast as it can writes some 31 lines a minute instead of 4 MB a second of stack traces.
 */
public final class RefusalLog {

  static final int PER_MINUTE = 30;
  private static final long MINUTE_NANOS = 60_000_000_000L;
  private static final ConcurrentMap<String, Window> WINDOWS = new ConcurrentHashMap<>();

  private RefusalLog() {}

  /** One INFO line of this kind, unless this minute had its share already. */
  public static void info(Logger log, String kind, String format, Object... args) {
    log(log, Level.INFO, kind, format, args);
  }

  /** One WARN line of this kind, unless this minute had its share already. */
  public static void warn(Logger log, String kind, String format, Object... args) {
    log(log, Level.WARN, kind, format, args);
  }

  /**
   * A fault's ERROR line with its stack trace (the throwable last in {@code args}), at most this kind's share a minute:
   * a request that keeps failing the same way cannot fill the disk with stack traces either.
   */
  public static void error(Logger log, String kind, String format, Object... args) {
    log(log, Level.ERROR, kind, format, args);
  }

  private static void log(Logger log, Level level, String kind, String format, Object... args) {
    Window window = WINDOWS.computeIfAbsent(kind, k -> new Window());
    long now = System.nanoTime();
    long leftOut;
    boolean write;
    synchronized (window) {
      leftOut = 0;
      if (now - window.start >= MINUTE_NANOS) {
        leftOut = window.leftOut;
        window.start = now;
        window.written = 0;
        window.leftOut = 0;
      }
      write = window.written < PER_MINUTE;
      if (write) {
        window.written++;
      } else {
        window.leftOut++;
      }
    }
    if (leftOut > 0) {
      write(log, level, "{} more of kind {} in the last minute, not logged one by one", leftOut, kind);
    }
    if (write) {
      write(log, level, format, args);
    }
  }

  private static void write(Logger log, Level level, String format, Object... args) {
    switch (level) {
      case ERROR -> log.error(format, args);
      case WARN -> log.warn(format, args);
      default -> log.info(format, args);
    }
  }

  /** Ends this kind's current minute now (for a test that cannot wait a minute). */
  static void endMinute(String kind) {
    Window window = WINDOWS.get(kind);
    if (window != null) {
      synchronized (window) {
        window.start -= MINUTE_NANOS;
      }
    }
  }

  private static final class Window {
    long start = System.nanoTime();
    int written;
    long leftOut;
  }
}
