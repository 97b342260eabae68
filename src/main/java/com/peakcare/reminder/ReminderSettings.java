package com.peakcare.reminder;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code peakcare.reminders.*} (docs/reminders.md): the smallest order reminded, the shop's default auto-close, the
 * fatigue cap, SMS quiet hours in shop time, the poller, what a reminder costs, and the minimum orders per group
 * before the report gives a verdict.
 */
@Component("reminderSettings")
public class ReminderSettings {

  private final BigDecimal minOrderAmount;
  private final Duration defaultCloseAfter;
  private final Duration fatigueCap;
  private final LocalTime quietFrom;
  private final LocalTime quietUntil;
  private final ZoneId timeZone;
  private final boolean pollerEnabled;
  private final Duration pollInterval;
  private final int pollBatch;
  private final int pollThreads;
  private final BigDecimal smsCost;
  private final BigDecimal callMinuteCost;
  private final BigDecimal callMinutes;
  private final int minPerGroup;
  private final double sampleRatioAlpha;
  private final int maxAttempts;
  private final Duration claimFor;
  private final Duration retryBackoff;

  ReminderSettings(
      @Value("${peakcare.reminders.min-order-amount:30.00}") BigDecimal minOrderAmount,
      @Value("${peakcare.reminders.default-close-after:PT24H}") Duration defaultCloseAfter,
      @Value("${peakcare.reminders.fatigue-cap:PT24H}") Duration fatigueCap,
      @Value("${peakcare.reminders.quiet-from:22:00}") LocalTime quietFrom,
      @Value("${peakcare.reminders.quiet-until:08:00}") LocalTime quietUntil,
      @Value("${peakcare.reminders.time-zone:${peakcare.webapps.time-zone:Asia/Shanghai}}") String timeZone,
      @Value("${peakcare.reminders.poller.enabled:true}") boolean pollerEnabled,
      @Value("${peakcare.reminders.poller.interval:PT2S}") Duration pollInterval,
      @Value("${peakcare.reminders.poller.batch:200}") int pollBatch,
      @Value("${peakcare.reminders.poller.threads:4}") int pollThreads,
      @Value("${peakcare.reminders.cost.sms:0.05}") BigDecimal smsCost,
      @Value("${peakcare.reminders.cost.call-minute:0.60}") BigDecimal callMinuteCost,
      @Value("${peakcare.reminders.cost.call-minutes:3}") BigDecimal callMinutes,
      @Value("${peakcare.reminders.report.min-per-group:100}") int minPerGroup,
      @Value("${peakcare.reminders.report.sample-ratio-alpha:0.001}") double sampleRatioAlpha,
      @Value("${peakcare.reminders.retry.max-attempts:5}") int maxAttempts,
      @Value("${peakcare.reminders.retry.backoff:PT1M}") Duration retryBackoff,
      @Value("${peakcare.reminders.poller.claim-for:PT5M}") Duration claimFor) {
    if (pollBatch < 1 || pollThreads < 1 || pollThreads > 16) {
      throw new IllegalStateException("peakcare.reminders.poller: batch ≥ 1 and 1 to 16 threads");
    }
    if (maxAttempts < 1 || maxAttempts > 20 || retryBackoff.isNegative()) {
      throw new IllegalStateException("peakcare.reminders.retry: 1 to 20 attempts and a backoff ≥ 0");
    }
    this.maxAttempts = maxAttempts;
    this.claimFor = claimFor;
    this.retryBackoff = retryBackoff;
    this.minOrderAmount = minOrderAmount;
    this.defaultCloseAfter = defaultCloseAfter;
    this.fatigueCap = fatigueCap;
    this.quietFrom = quietFrom;
    this.quietUntil = quietUntil;
    this.timeZone = ZoneId.of(timeZone);
    this.pollerEnabled = pollerEnabled;
    this.pollInterval = pollInterval;
    this.pollBatch = pollBatch;
    this.pollThreads = pollThreads;
    this.smsCost = smsCost;
    this.callMinuteCost = callMinuteCost;
    this.callMinutes = callMinutes;
    this.minPerGroup = minPerGroup;
    this.sampleRatioAlpha = sampleRatioAlpha;
  }

  BigDecimal minOrderAmount() { return minOrderAmount; }
  Duration defaultCloseAfter() { return defaultCloseAfter; }
  Duration fatigueCap() { return fatigueCap; }
  ZoneId timeZone() { return timeZone; }
  boolean pollerEnabled() { return pollerEnabled; }
  Duration pollInterval() { return pollInterval; }
  int pollBatch() { return pollBatch; }
  int pollThreads() { return pollThreads; }
  /** How long a poller holds the steps it claimed ({@code poller.claim-for}, 5 min): a dead node's come back then. */
  Duration claimFor() { return claimFor; }
  /** Attempts of a failing step before it ends FAILED ({@code retry.max-attempts}, 5). */
  int maxAttempts() { return maxAttempts; }

  /**
   * The pause after the {@code attempt}-th failure: {@code retry.backoff} (1 min) doubled each time, at most 64 times
   * it (1 min, 2, 4, 8: the fifth attempt is 15 minutes after the first).
   */
  Duration retryAfter(int attempt) {
    return retryBackoff.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 6));
  }
  BigDecimal smsCost() { return smsCost; }
  BigDecimal callCost() { return callMinuteCost.multiply(callMinutes); }
  int minPerGroup() { return minPerGroup; }
  double sampleRatioAlpha() { return sampleRatioAlpha; }

  /**
   * When quiet hours that hold at {@code at} end (shop time), or null when {@code at} is not in quiet hours. Quiet
   * hours may span midnight (22:00 to 08:00).
   */
  Instant quietUntil(Instant at) {
    if (quietFrom.equals(quietUntil)) {
      return null;
    }
    ZonedDateTime local = at.atZone(timeZone);
    LocalTime t = local.toLocalTime();
    boolean spansMidnight = quietFrom.isAfter(quietUntil);
    boolean quiet = spansMidnight ? !t.isBefore(quietFrom) || t.isBefore(quietUntil)
        : !t.isBefore(quietFrom) && t.isBefore(quietUntil);
    if (!quiet) {
      return null;
    }
    ZonedDateTime end = local.with(quietUntil).withSecond(0).withNano(0);
    if (!end.isAfter(local)) {
      end = end.plusDays(1);
    }
    return end.toInstant();
  }
}
