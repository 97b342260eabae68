package com.peakcare.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Requests that race (issue 20): each on its own thread, all released together by a latch. */
public final class Race {

  private Race() {}

  /** {@code clients} calls of {@code request} (given 0 … clients-1) released together: their results, in order. */
  public static <T> List<T> of(int clients, IntFunction<T> request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<T>> done = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        int n = i;
        done.add(pool.submit(() -> {
          go.await();
          return request.apply(n);
        }));
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : done) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
