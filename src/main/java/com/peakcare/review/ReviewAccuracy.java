package com.peakcare.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How well the analysis reads a labelled set of reviews (src/test/resources/review/labelled-reviews.tsv): precision
 * and recall of {@code hiddenNegative}, of the serious flag, and of each category, on negative clauses (a labelled
 * clause is found when an issue of its category covers it). Each rate with its counts and a Wilson 95 % interval.
 * The test asserts the goals on it and the benchmark prints the same table (docs/review-analysis.md).
 */
public final class ReviewAccuracy {

  /** One labelled review. */
  public record Labelled(String id, String split, String domain, int stars, String text, String followUp,
      boolean hiddenNegative, String overall, List<Gold> issues, String note) {
    public boolean serious() {
      return note.contains("serious");
    }
  }

  /** A labelled negative clause and its category. */
  public record Gold(String category, String clause) {}

  /** A rate: hits of n, and its Wilson 95 % interval. */
  public record Rate(int hits, int n) {
    public double value() {
      return n == 0 ? Double.NaN : (double) hits / n;
    }

    public double[] wilson() {
      return ReviewStats.wilson(hits, n);
    }

    @Override
    public String toString() {
      double[] ci = wilson();
      return n == 0 ? "n/a (n=0)" : String.format(Locale.ROOT, "%.3f (%d/%d, 95%% CI %.2f–%.2f)", value(), hits, n,
          ci[0], ci[1]);
    }
  }

  /** The figures of one part of the set (tune, held-out, all). */
  public record Report(String part, int reviews, Rate hiddenPrecision, Rate hiddenRecall, Rate seriousPrecision,
      Rate seriousRecall, Rate clauseRecall, Rate clausePrecision, Rate overallAccuracy,
      Map<String, Rate> categoryRecall, Map<String, Rate> categoryPrecision, List<String> mistakes) {

    /** The table the benchmark prints and docs/review-analysis.md shows. */
    public List<String> table() {
      List<String> lines = new ArrayList<>();
      lines.add(String.format(Locale.ROOT, "labelled set: %s, %d reviews", part, reviews));
      lines.add("  hiddenNegative precision  " + hiddenPrecision);
      lines.add("  hiddenNegative recall     " + hiddenRecall);
      lines.add("  category recall, negative clauses   " + clauseRecall);
      lines.add("  category precision, issues found    " + clausePrecision);
      lines.add("  serious precision         " + seriousPrecision);
      lines.add("  serious recall            " + seriousRecall);
      lines.add("  overall sentiment right   " + overallAccuracy);
      for (String c : categoryRecall.keySet()) {
        lines.add(String.format(Locale.ROOT, "    %-17s recall %-34s precision %s", c, categoryRecall.get(c),
            categoryPrecision.getOrDefault(c, new Rate(0, 0))));
      }
      return lines;
    }
  }

  private ReviewAccuracy() {}

  public static List<Labelled> read(Path tsv) {
    List<Labelled> set = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != 10) {
          throw new IllegalStateException(tsv + ": 10 columns expected: " + line);
        }
        List<Gold> gold = new ArrayList<>();
        for (String issue : f[8].split(";")) {
          if (!issue.isBlank()) {
            int colon = issue.indexOf(':');
            gold.add(new Gold(issue.substring(0, colon), issue.substring(colon + 1)));
          }
        }
        set.add(new Labelled(f[0], f[1], f[2], Integer.parseInt(f[3]), f[4], f[5], f[6].equals("1"), f[7],
            List.copyOf(gold), f[9]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return set;
  }

  /** Evaluates the analyser on the reviews of {@code split} (null: all). */
  static Report evaluate(ReviewAnalyser analyser, List<Labelled> set, String split) {
    int reviews = 0;
    int[] hidden = new int[3]; // tp, fp, fn
    int[] serious = new int[3];
    int overallRight = 0;
    Map<String, int[]> recall = new TreeMap<>(); // found, total
    Map<String, int[]> precision = new TreeMap<>(); // right, total
    List<String> mistakes = new ArrayList<>();
    for (Labelled r : set) {
      if (split != null && !split.equals(r.split())) {
        continue;
      }
      reviews++;
      ReviewAnalysis a = analyser.analyse(r.stars(), r.text(), r.followUp());
      count(hidden, r.hiddenNegative(), a.hiddenNegative());
      count(serious, r.serious(), a.serious());
      if (a.overall().equals(r.overall())) {
        overallRight++;
      }
      List<String> wrong = new ArrayList<>();
      if (r.hiddenNegative() != a.hiddenNegative()) {
        wrong.add("hiddenNegative " + a.hiddenNegative());
      }
      if (r.serious() != a.serious()) {
        wrong.add("serious " + a.seriousWords());
      }
      for (Gold g : r.issues()) {
        boolean found = a.issues().stream().anyMatch(i -> i.category().equals(g.category()) && covers(i, g));
        int[] cell = recall.computeIfAbsent(g.category(), k -> new int[2]);
        cell[1]++;
        if (found) {
          cell[0]++;
        } else {
          wrong.add("missed " + g.category() + ":" + g.clause() + " (read "
              + a.issues().stream().filter(i -> covers(i, g)).map(ReviewAnalysis.Issue::category).toList() + ")");
        }
      }
      for (ReviewAnalysis.Issue i : a.issues()) {
        boolean right = r.issues().stream().anyMatch(g -> i.category().equals(g.category()) && covers(i, g));
        int[] cell = precision.computeIfAbsent(i.category(), k -> new int[2]);
        cell[1]++;
        if (right) {
          cell[0]++;
        } else {
          wrong.add("extra " + i.category() + ":" + i.clause() + " " + i.words());
        }
      }
      if (!wrong.isEmpty()) {
        mistakes.add(r.id() + " " + r.stars() + "★ " + r.text() + (r.followUp().isEmpty() ? "" : " 追评:" + r.followUp())
            + (r.note().isEmpty() ? "" : " [" + r.note() + "]") + "\n      " + String.join("\n      ", wrong));
      }
    }
    Map<String, Rate> categoryRecall = new LinkedHashMap<>();
    Map<String, Rate> categoryPrecision = new LinkedHashMap<>();
    int found = 0;
    int total = 0;
    int right = 0;
    int issued = 0;
    for (String c : new TreeSet<>(union(recall.keySet(), precision.keySet()))) {
      int[] rc = recall.getOrDefault(c, new int[2]);
      int[] pc = precision.getOrDefault(c, new int[2]);
      categoryRecall.put(c, new Rate(rc[0], rc[1]));
      categoryPrecision.put(c, new Rate(pc[0], pc[1]));
      found += rc[0];
      total += rc[1];
      right += pc[0];
      issued += pc[1];
    }
    return new Report(split == null ? "all" : split, reviews, new Rate(hidden[0], hidden[0] + hidden[1]),
        new Rate(hidden[0], hidden[0] + hidden[2]), new Rate(serious[0], serious[0] + serious[1]),
        new Rate(serious[0], serious[0] + serious[2]), new Rate(found, total), new Rate(right, issued),
        new Rate(overallRight, reviews), categoryRecall, categoryPrecision, mistakes);
  }

  private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    java.util.Set<String> u = new TreeSet<>(a);
    u.addAll(b);
    return u;
  }

  private static void count(int[] cells, boolean gold, boolean read) {
    if (gold && read) {
      cells[0]++;
    } else if (!gold && read) {
      cells[1]++;
    } else if (gold) {
      cells[2]++;
    }
  }

  /** An issue covers a labelled clause when one holds the other (the labels are clauses as a reader splits them). */
  private static boolean covers(ReviewAnalysis.Issue issue, Gold gold) {
    String found = ReviewAnalyser.normalize(issue.clause());
    String labelled = ReviewAnalyser.normalize(gold.clause());
    return found.contains(labelled) || labelled.contains(found);
  }
}
