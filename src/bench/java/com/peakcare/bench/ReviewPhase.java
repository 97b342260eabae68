package com.peakcare.bench;

import com.peakcare.review.ReviewBench;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 21's figures: the labelled set's table; the analysis alone on one thread and HanLP's segmenter beside it; the
 * batch endpoint on PostgreSQL with {@code bench.reviews} reviews (default 100,000) sent by one client in batches of
 * {@code bench.reviewBatch} (1,000), one request at a time, so that PeakCare serves them on one request thread; then
 * {@code bench.reviewTotal} reviews in all (default 1,000,000, seeded in-process) in cycles of 100,000, and the meeting
 * page's JSON over them.
 */
final class ReviewPhase {

  private static final int REVIEWS = Integer.getInteger("bench.reviews", 100_000);
  private static final int TOTAL = Integer.getInteger("bench.reviewTotal", 1_000_000);
  private static final int BATCH = Integer.getInteger("bench.reviewBatch", 1_000);
  private static final int SEED_THREADS = Integer.getInteger("bench.reviewSeedThreads", 2);
  private static final int CYCLE_EVERY = Integer.getInteger("bench.reviewCycle", 100_000);

  private final BenchDatabase db;
  private final Client client;
  private final ConfigurableApplicationContext app;
  private final Consumer<String> row;
  private final Map<String, Object> results;
  private final List<String> notes;

  ReviewPhase(BenchDatabase db, Client client, ConfigurableApplicationContext app, Consumer<String> row,
      Map<String, Object> results, List<String> notes) {
    this.db = db;
    this.client = client;
    this.app = app;
    this.row = row;
    this.results = results;
    this.notes = notes;
  }

  void run() throws Exception {
    // 1. the labelled set (the same table as ReviewAccuracyTest)
    ReviewBench.accuracy(app).forEach(row);

    // 2. the analysis alone, and HanLP's segmenter on the same texts, each on one thread (CPU time)
    double analyse = ReviewBench.analyserMicros(app, 5);
    double segment = HanlpSegmenter.micros(ReviewBench.texts(), 5);
    results.put("review_analyse_us", round(analyse));
    results.put("review_analyse_per_core_s", round(1e6 / analyse));
    results.put("review_hanlp_segment_us", round(segment));
    row.accept(String.format("%-34s %.1f µs CPU per review on one thread (%,.0f reviews/s per core)",
        "review analysis alone", analyse, 1e6 / analyse));
    row.accept(String.format("%-34s %.1f µs CPU per review (%,.0f reviews/s per core): %.1f× the analysis",
        "HanLP segmenter, same texts", segment, 1e6 / segment, segment / analyse));

    // 3. the batch endpoint: POST /api/reviews, one client, batches of BATCH, on PostgreSQL
    for (String warm : ReviewBench.batches("W" + System.nanoTime(), 5 * BATCH, BATCH, 1)) {
      Client.expect(client.post("/api/reviews", "shop1", warm), 200);
    }
    List<String> batches = ReviewBench.batches("B" + System.nanoTime(), REVIEWS, BATCH, 2);
    db.quiesce(120);
    Map<String, long[]> before = db.tableStats();
    Machine.Cpu cpu0 = Machine.Cpu.now();
    List<Double> ms = new ArrayList<>();
    long t0 = System.nanoTime();
    for (String batch : batches) {
      long s = System.nanoTime();
      HttpResponse<String> r = client.post("/api/reviews", "shop1", batch);
      Client.expect(r, 200);
      ms.add((System.nanoTime() - s) / 1e6);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Machine.Cpu cpu1 = Machine.Cpu.now();
    double jvmUs = (cpu1.jvm() - cpu0.jvm()) * 1e6 / REVIEWS;
    ms.sort(Double::compare);
    results.put("review_intake_reviews", REVIEWS);
    results.put("review_intake_per_s", round(REVIEWS / seconds));
    results.put("review_intake_batch_p50_ms", round(ms.get(ms.size() / 2)));
    results.put("review_intake_batch_p99_ms", round(ms.get((int) (ms.size() * 0.99))));
    results.put("review_intake_jvm_us", round(jvmUs));
    results.put("review_intake_per_jvm_core_s", round(1e6 / jvmUs));
    row.accept(String.format("%-34s %,d reviews in %.1f s: %,.0f reviews/s; batch of %d p50 %.0f ms, p99 %.0f ms",
        "POST /api/reviews, 1 client", REVIEWS, seconds, REVIEWS / seconds, BATCH, ms.get(ms.size() / 2),
        ms.get((int) (ms.size() * 0.99))));
    row.accept(String.format("%-34s %.0f µs JVM CPU per review (%,.0f reviews/s per core; the load generator's "
        + "HTTP client included); %s", "  CPU", jvmUs, 1e6 / jvmUs, cpu1.since(cpu0)));
    Thread.sleep(11_000); // PostgreSQL's statistics are flushed every 10 s
    Map<String, long[]> after = db.tableStats();
    notes.add(String.format("review intake: %.2f rows inserted per review; sequential scans: %s",
        BenchDatabase.sum(after, before, 3) / (double) REVIEWS, BenchDatabase.seqScans(after, before, 3)));

    // 4. up to TOTAL reviews in all, in cycles of CYCLE_EVERY; each cycle gathers on the job executor
    int sent = REVIEWS + 5 * BATCH;
    List<Double> gathers = new ArrayList<>();
    gathers.add(ReviewBench.cycle(app, "bench 1", 600));
    long s0 = System.nanoTime();
    int seeded = 0;
    int cycle = 2;
    ExecutorService pool = Executors.newFixedThreadPool(SEED_THREADS);
    try {
      while (sent + seeded < TOTAL) {
        int n = Math.min(CYCLE_EVERY, TOTAL - sent - seeded);
        List<Future<Integer>> done = new ArrayList<>();
        for (String batch : ReviewBench.batches("S" + cycle + "-" + System.nanoTime(), n, BATCH, 10 + cycle)) {
          done.add(pool.submit(() -> ReviewBench.seed(app, batch)));
        }
        for (Future<Integer> f : done) {
          seeded += f.get();
        }
        gathers.add(ReviewBench.cycle(app, "bench " + cycle++, 600));
      }
    } finally {
      pool.shutdownNow();
    }
    double seedSeconds = (System.nanoTime() - s0) / 1e9;
    long stored = db.count("select count(*) from pc_review");
    results.put("review_total", stored);
    results.put("review_seed_per_s", round(seeded / seedSeconds));
    results.put("review_gather_max_s", round(gathers.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
    row.accept(String.format("%-34s %,d reviews stored, %,d seeded in-process at %,.0f /s (%d threads); %d cycles, "
        + "gathering each took at most %.1f s", "reviews in all", stored, seeded, seeded / seedSeconds, SEED_THREADS,
        gathers.size(), gathers.stream().mapToDouble(Double::doubleValue).max().orElse(0)));

    // 5. the meeting page's JSON over them: GET /api/reviews/meeting (the latest cycle, its trend of 8 cycles)
    db.quiesce(120);
    for (int i = 0; i < 5; i++) {
      Client.expect(client.get("/api/reviews/meeting", "whlead"), 200);
    }
    List<Double> meeting = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      long s = System.nanoTime();
      Client.expect(client.get("/api/reviews/meeting", "whlead"), 200);
      meeting.add((System.nanoTime() - s) / 1e6);
    }
    meeting.sort(Double::compare);
    results.put("review_meeting_p50_ms", round(meeting.get(25)));
    results.put("review_meeting_max_ms", round(meeting.get(49)));
    row.accept(String.format("%-34s over %,d reviews: p50 %.1f ms, max %.1f ms (50 requests)",
        "GET /api/reviews/meeting", stored, meeting.get(25), meeting.get(49)));
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
