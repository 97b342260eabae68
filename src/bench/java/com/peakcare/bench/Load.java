package com.peakcare.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closed-loop load: {@code clients} threads each run the operation back to back until {@code maxOps} operations
 * were started or {@code maxSeconds} passed, whichever comes first. Latency is the operation's wall time.
 */
final class Load {

  /** One operation; {@code i} is its sequence number (0, 1, 2 ...) across all clients. */
  interface Op {
    void run(int i) throws Exception;
  }

  record Stats(String name, int clients, int ok, int errors, double seconds, double perSecond, double p50, double p99,
      double max, String firstError) {

    String line() {
      return String.format("%-28s %3d clients  %7d ok %5d err  %7.1f s  %8.1f /s  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms",
          name, clients, ok, errors, seconds, perSecond, p50, p99, max)
          + (firstError == null ? "" : "\n    first error: " + firstError);
    }
  }

  private Load() {}

  static Stats run(String name, int clients, int maxOps, double maxSeconds, Op op) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    AtomicReference<String> firstError = new AtomicReference<>();
    ConcurrentLinkedQueue<long[]> all = new ConcurrentLinkedQueue<>();
    long start = System.nanoTime();
    long deadline = start + (long) (maxSeconds * 1e9);
    AtomicLong lastEnd = new AtomicLong(start);
    CountDownLatch done = new CountDownLatch(clients);
    for (int c = 0; c < clients; c++) {
      Thread t = new Thread(() -> {
        long[] mine = new long[Math.max(16, maxOps / clients + 16)];
        int n = 0;
        try {
          while (System.nanoTime() < deadline) {
            int i = next.getAndIncrement();
            if (i >= maxOps) {
              break;
            }
            long t0 = System.nanoTime();
            try {
              op.run(i);
              long took = System.nanoTime() - t0;
              if (n == mine.length) {
                mine = Arrays.copyOf(mine, n * 2);
              }
              mine[n++] = took;
            } catch (Exception e) {
              errors.incrementAndGet();
              firstError.compareAndSet(null, e.getMessage());
            }
            lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
          }
        } finally {
          all.add(Arrays.copyOf(mine, n));
          done.countDown();
        }
      }, "bench-" + name + "-" + c);
      t.setDaemon(true);
      t.start();
    }
    done.await();
    double seconds = (lastEnd.get() - start) / 1e9;
    List<Long> lat = new ArrayList<>();
    for (long[] a : all) {
      for (long v : a) {
        lat.add(v);
      }
    }
    long[] sorted = lat.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Stats(name, clients, sorted.length, errors.get(), seconds,
        seconds > 0 ? sorted.length / seconds : 0, pct(sorted, 0.50), pct(sorted, 0.99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, firstError.get());
  }

  static double pct(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int idx = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1e6;
  }
}
