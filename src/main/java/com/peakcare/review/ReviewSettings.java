package com.peakcare.review;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code peakcare.reviews.*} (docs/review-analysis.md): when the weekly cycle runs, how long a lead has for the meeting
 * and a supervisor for a serious review, how many cycles the page's trend shows, the
 * shop's time zone (for CSV times without an offset) and the shop's own lexicon files.
 */
@Component("reviewSettings")
public class ReviewSettings {

  private final String cycleSchedule;
  private final Duration meetingWithin;
  private final Duration seriousWithin;
  private final int trendCycles;
  private final ZoneId timeZone;
  private final List<String> lexiconFiles;

  ReviewSettings(
      @Value("${peakcare.reviews.cycle-schedule:R/2025-01-06T09:00:00+08:00/P7D}") String cycleSchedule,
      @Value("${peakcare.reviews.meeting-within:P3D}") Duration meetingWithin,
      @Value("${peakcare.reviews.serious-within:PT4H}") Duration seriousWithin,
      @Value("${peakcare.reviews.trend-cycles:8}") int trendCycles,
      @Value("${peakcare.reviews.time-zone:${peakcare.webapps.time-zone:Asia/Shanghai}}") String timeZone,
      @Value("${peakcare.reviews.lexicon-files:}") List<String> lexiconFiles) {
    if (trendCycles < 1 || trendCycles > 52) {
      throw new IllegalStateException("peakcare.reviews.trend-cycles must be from 1 to 52, not " + trendCycles);
    }
    this.cycleSchedule = cycleSchedule;
    this.meetingWithin = meetingWithin;
    this.seriousWithin = seriousWithin;
    this.trendCycles = trendCycles;
    this.timeZone = ZoneId.of(timeZone);
    this.lexiconFiles = lexiconFiles.stream().filter(f -> !f.isBlank()).toList();
  }

  /** The weekly timer's cycle (BPMN: StartEvent_WeeklyCycle), an ISO 8601 repetition or a cron expression. */
  public String getCycleSchedule() {
    return cycleSchedule;
  }

  /** The lead's task's due date, from now (BPMN: Task_RecordActions). */
  public Date meetingDue() {
    return Date.from(Instant.now().plus(meetingWithin));
  }

  /** The serious review's task's due date, from now (BPMN: Task_HandleSeriousReview). */
  public Date seriousDue() {
    return Date.from(Instant.now().plus(seriousWithin));
  }

  int trendCycles() {
    return trendCycles;
  }

  ZoneId timeZone() {
    return timeZone;
  }

  List<String> lexiconFiles() {
    return lexiconFiles;
  }
}
