package com.peakcare.engine;

import java.time.Instant;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The engine's clock, for PeakCare code that must age data by the same time as Camunda's history cleanup (issue 27):
 * a test that moves Camunda's clock (ClockUtil) past every time-to-live moves this one too.
 */
public final class EngineClock {

  private EngineClock() {}

  public static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
