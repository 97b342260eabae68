package com.peakcare.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.springframework.context.ApplicationContext;

/**
 * The benchmark's way into the review feature (compiled with -Pbench only): the labelled set's table, the analyser's
 * and HanLP's speed on one thread, a corpus of realistic batches, seeding in-process and opening cycles.
 */
public final class ReviewBench {

  public static final Path SET = Path.of("src/test/resources/review/labelled-reviews.tsv");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReviewBench() {}

  /** The accuracy table of each part and of the whole set, as ReviewAccuracyTest prints it. */
  public static List<String> accuracy(ApplicationContext app) {
    ReviewAnalyser analyser = app.getBean(ReviewAnalyser.class);
    List<ReviewAccuracy.Labelled> set = ReviewAccuracy.read(SET);
    List<String> lines = new ArrayList<>();
    for (String part : new String[] {"tune", "dev", "heldout", null}) {
      lines.addAll(ReviewAccuracy.evaluate(analyser, set, part).table());
    }
    return lines;
  }

  /** The labelled set's texts, for speed runs. */
  public static List<String[]> texts() {
    return ReviewAccuracy.read(SET).stream().map(r -> new String[] {String.valueOf(r.stars()), r.text(),
        r.followUp()}).toList();
  }

  /** CPU microseconds per review of the analysis on this thread, over {@code seconds}. */
  public static double analyserMicros(ApplicationContext app, double seconds) {
    ReviewAnalyser analyser = app.getBean(ReviewAnalyser.class);
    List<String[]> texts = texts();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 20_000; i++) { // JIT
      String[] t = texts.get(i % texts.size());
      analyser.analyse(Integer.parseInt(t[0]), t[1], t[2]);
    }
    long n = 0;
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long c0 = cpu.getCurrentThreadCpuTime();
    while (System.nanoTime() < end) {
      for (String[] t : texts) {
        analyser.analyse(Integer.parseInt(t[0]), t[1], t[2]);
        n++;
      }
    }
    return (cpu.getCurrentThreadCpuTime() - c0) / 1e3 / n;
  }

  /**
   * A realistic mix of reviews as batches' JSON: 85 % with no problem, 14.5 % with one (hidden or plain), 0.5 %
   * serious, drawn from the labelled set's texts, each of its own order.
   */
  public static List<String> batches(String prefix, int reviews, int batch, long seed) {
    List<ReviewAccuracy.Labelled> set = ReviewAccuracy.read(SET);
    List<ReviewAccuracy.Labelled> good = set.stream().filter(r -> r.issues().isEmpty() && !r.serious()).toList();
    List<ReviewAccuracy.Labelled> bad = set.stream().filter(r -> !r.issues().isEmpty() && !r.serious()).toList();
    List<ReviewAccuracy.Labelled> serious = set.stream().filter(ReviewAccuracy.Labelled::serious).toList();
    Random random = new Random(seed);
    Instant at = Instant.now().minus(Duration.ofDays(1));
    List<String> batches = new ArrayList<>();
    for (int b = 0; b < reviews; b += batch) {
      ObjectNode body = JSON.createObjectNode();
      ArrayNode rows = body.putArray("reviews");
      for (int i = b; i < Math.min(reviews, b + batch); i++) {
        double p = random.nextDouble();
        List<ReviewAccuracy.Labelled> from = p < 0.005 ? serious : p < 0.15 ? bad : good;
        ReviewAccuracy.Labelled r = from.get(random.nextInt(from.size()));
        ObjectNode row = rows.addObject().put("orderNo", prefix + "-" + i).put("sku", "SKU-" + random.nextInt(200))
            .put("stars", r.stars()).put("text", r.text()).put("reviewedAt", at.toString());
        if (!r.followUp().isEmpty()) {
          row.put("followUp", r.followUp()).put("followUpAt", at.plusSeconds(3600).toString());
        }
      }
      batches.add(body.toString());
    }
    return batches;
  }

  /** Sends one batch's JSON straight to the intake (no HTTP), as the shop's system. */
  public static int seed(ApplicationContext app, String batchJson) {
    try {
      ReviewInput.Batch batch = app.getBean(ObjectMapper.class).readValue(batchJson, ReviewInput.Batch.class);
      return app.getBean(ReviewIntake.class).receive(batch.reviews(), "API", "shop1").created();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Opens a cycle as a lead and waits until it has gathered; the seconds its gathering took (started → gathered). */
  public static double cycle(ApplicationContext app, String label, int timeoutSeconds) throws InterruptedException {
    ReviewCycles cycles = app.getBean(ReviewCycles.class);
    ReviewRepository.Cycle c = cycles.open(label, "whlead");
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      ReviewRepository.Cycle now = cycles.find(c.id()).orElseThrow();
      if (now.gatheredAt() != null) {
        return Duration.between(now.periodTo(), now.gatheredAt()).toMillis() / 1000.0;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("cycle " + c.id() + " did not gather in " + timeoutSeconds + " s");
  }
}
