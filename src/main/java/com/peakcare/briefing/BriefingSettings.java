package com.peakcare.briefing;

import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code peakcare.briefing.*}: the pass mark and the readiness deadline. A round's deadline is {@code ready-lead}
 * before go-live, but never sooner than {@code min-window} after the round opens (a launch approved late, or a
 * correction after go-live, still gives the agents that long).
 */
@Component("briefingSettings")
class BriefingSettings {

  private final int passMark;
  private final Duration readyLead;
  private final Duration minWindow;

  BriefingSettings(
      @Value("${peakcare.briefing.pass-mark:100}") int passMark,
      @Value("${peakcare.briefing.ready-lead:PT1H}") Duration readyLead,
      @Value("${peakcare.briefing.min-window:PT1H}") Duration minWindow) {
    if (passMark < 1 || passMark > 100) {
      throw new IllegalStateException("peakcare.briefing.pass-mark must be a percentage from 1 to 100, not "
          + passMark);
    }
    this.passMark = passMark;
    this.readyLead = readyLead;
    this.minWindow = minWindow;
  }

  /** Percent of a quiz's questions an agent must answer right to pass it. */
  int passMark() {
    return passMark;
  }

  /** The deadline of a round opened {@code now} for a campaign going live at {@code goLiveAt}. */
  Instant readyBy(Instant goLiveAt, Instant now) {
    Instant byLead = goLiveAt.minus(readyLead);
    Instant earliest = now.plus(minWindow);
    return byLead.isBefore(earliest) ? earliest : byLead;
  }
}
