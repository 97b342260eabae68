package com.peakcare.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Issue 26: one account hammers the engine's history while another person works. The victim ({@code agent2}: its own
 * cases' list and its Tasklist query, 2 clients) is measured alone, then while {@code auditor1} runs {@code threads}
 * clients that ask {@code /engine-rest/history/activity-instance} for as many results as the service gives: first
 * {@code maxResults=100000000} (the request), and once that is refused (400, the result limit), the most a
 * request may ask (1,000) page after page. The hammer's answers are counted, never kept in memory (the benchmark and
 * PeakCare share one JVM).
 */
final class Hammer {

  /** Per status the hammer's answers ({@code -1}: none within 60 s, or the connection dropped). */
  record Result(Load.Stats alone, Load.Stats hammered, Map<Integer, Long> statuses, double okMb, long okAnswers) {}

  private Hammer() {}

  static Result run(Client client, int threads, double seconds) throws Exception {
    Load.Op victim = i -> Client.expect(i % 2 == 0 ? client.get("/api/returns?size=20", "agent2")
        : client.get("/engine-rest/task?assignee=agent2&maxResults=15", "agent2"), 200);
    Load.Stats alone = Load.run("victim alone", 2, 100_000, seconds, victim);

    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    AtomicLong okBytes = new AtomicLong();
    AtomicLong okAnswers = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    Thread[] hammers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      hammers[t] = new Thread(() -> {
        int maxResults = 100_000_000;
        int page = 0;
        while (!stop.get()) {
          long[] answer;
          try {
            answer = client.getCounted("/engine-rest/history/activity-instance?firstResult="
                + (maxResults == 1000 ? (page++ % 100) * 1000 : 0) + "&maxResults=" + maxResults, "auditor1");
          } catch (RuntimeException e) {
            answer = new long[] {-1, 0}; // no answer within the client's 60 s, or the connection dropped
          }
          statuses.computeIfAbsent((int) answer[0], s -> new LongAdder()).increment();
          if (answer[0] == 200) {
            okBytes.addAndGet(answer[1]);
            okAnswers.incrementAndGet();
          } else if (answer[0] == 400) {
            maxResults = 1000;
          }
        }
      }, "bench-hammer-" + t);
      hammers[t].setDaemon(true);
      hammers[t].start();
    }
    Thread.sleep(2000); // the hammer under way
    Load.Stats hammered;
    try {
      hammered = Load.run("victim, history hammered", 2, 100_000, seconds, victim);
    } finally {
      stop.set(true);
      for (Thread h : hammers) {
        h.join(120_000);
      }
    }
    Map<Integer, Long> counted = new TreeMap<>();
    statuses.forEach((s, n) -> counted.put(s, n.sum()));
    double mb = okAnswers.get() == 0 ? 0 : okBytes.get() / 1e6 / okAnswers.get();
    return new Result(alone, hammered, counted, mb, okAnswers.get());
  }
}
