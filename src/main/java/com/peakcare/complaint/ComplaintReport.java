package com.peakcare.complaint;

import com.peakcare.complaint.ComplaintRepository.Event;
import com.peakcare.complaint.ComplaintRepository.Row;
import com.peakcare.survey.CaseKind;
import com.peakcare.survey.CaseSurveys;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What supervisors see of complaints (issue 24 point 8): counts by category and severity; first-answer and resolution
 * times (PeakCare's time: the waits for the customer taken out) as p50 and p90 beside the targets, each with its n;
 * promises kept out of those decided; escalations per level of the ladder; the re-open rate; satisfaction from the 回访
 * survey with its response rate. Every rate carries its n.
 */
@Component
class ComplaintReport {

  private final ComplaintRepository repository;
  private final CaseSurveys surveys;

  ComplaintReport(ComplaintRepository repository, CaseSurveys surveys) {
    this.repository = repository;
    this.surveys = surveys;
  }

  @Schema(name = "ComplaintReport")
  record Report(Instant generatedAt, int complaints, Map<String, Long> byCategory, Map<String, Long> bySeverity,
      List<Times> firstAnswer, List<Times> resolution, Rate promisesKept, Map<Integer, Long> escalationsPerLevel,
      Rate reopened, @Schema(description = "回访: the surveys sent after the close, the response rate, and each score "
      + "with its n") CaseSurveys.Satisfaction satisfaction) {}

  /**
   * Hours to a first answer (or a resolution) for one severity: the median and the 90th percentile of those that got
   * one, and how many stayed within the table's target.
   */
  @Schema(name = "ComplaintTimes")
  record Times(String severity, int n, Double p50Hours, Double p90Hours, Double targetHours, Rate withinTarget) {}

  /** {@code count} of {@code n}, and the share (null when n is 0). */
  @Schema(name = "ComplaintRate")
  record Rate(long count, long n, Double share) {
    static Rate of(long count, long n) {
      return new Rate(count, n, n == 0 ? null : Math.round(1000.0 * count / n) / 1000.0);
    }
  }

  Report report() {
    List<Row> rows = repository.all();
    Map<String, Long> byCategory = count(rows, Row::category);
    Map<String, Long> bySeverity = count(rows, Row::severity);
    List<Times> first = new ArrayList<>();
    List<Times> resolution = new ArrayList<>();
    for (ComplaintProcess.Severity severity : ComplaintProcess.Severity.values()) {
      List<Row> of = rows.stream().filter(r -> r.severity().equals(severity.name())).toList();
      first.add(times(severity.name(), of.stream().filter(r -> r.firstAnsweredAt() != null).toList(),
          r -> hours(r.openedAt(), r.firstAnsweredAt(), 0), r -> (double) r.targets().firstAnswerHours()));
      resolution.add(times(severity.name(), of.stream().filter(r -> r.resolvedAt() != null).toList(),
          r -> hours(r.openedAt(), r.resolvedAt(), r.pausedSeconds()), r -> (double) r.targets().resolutionHours()));
    }
    List<Boolean> decided = rows.stream().map(Row::promiseKept).filter(k -> k != null).toList();
    Map<Integer, Long> levels = new TreeMap<>(repository.events("ESCALATED").stream()
        .filter(e -> e.level() != null).collect(Collectors.groupingBy(Event::level, Collectors.counting())));
    return new Report(Instant.now(), rows.size(), byCategory, bySeverity, first, resolution,
        Rate.of(decided.stream().filter(k -> k).count(), decided.size()), levels,
        Rate.of(rows.stream().filter(r -> r.reopenCount() > 0).count(), rows.stream()
            .filter(r -> r.resolvedAt() != null || r.reopenCount() > 0).count()),
        surveys.satisfaction(CaseKind.COMPLAINT));
  }

  private static Times times(String severity, List<Row> rows, Function<Row, Double> hours,
      Function<Row, Double> target) {
    List<Double> sorted = rows.stream().map(hours).sorted().toList();
    long within = rows.stream().filter(r -> hours.apply(r) <= target.apply(r)).count();
    Double targetHours = rows.stream().map(target).findFirst().orElse(null);
    return new Times(severity, sorted.size(), percentile(sorted, 0.5), percentile(sorted, 0.9), targetHours,
        Rate.of(within, rows.size()));
  }

  /** The nearest-rank percentile; null of nothing. */
  static Double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return null;
    }
    int rank = (int) Math.ceil(p * sorted.size());
    return Math.round(sorted.get(Math.max(0, rank - 1)) * 100.0) / 100.0;
  }

  private static double hours(Instant from, Instant to, long pausedSeconds) {
    return Math.max(0, Duration.between(from, to).getSeconds() - pausedSeconds) / 3600.0;
  }

  private static Map<String, Long> count(List<Row> rows, Function<Row, String> key) {
    return new TreeMap<>(rows.stream().collect(Collectors.groupingBy(key, Collectors.counting())));
  }
}
