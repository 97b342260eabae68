package com.peakcare.returns;

import org.springframework.stereotype.Component;

/**
 * The return case's configured waits, read by its timers where they are defined ({@code ${returnTimers.parcelLimit()}}
 * in processes/return-case.bpmn) instead of being copied into every case as process variables. A timer's due date is
 * fixed when the timer starts, so a changed setting applies to timers started after it.
 */
@Component("returnTimers")
public class ReturnTimers {

  private final ReturnSettings settings;

  ReturnTimers(ReturnSettings settings) {
    this.settings = settings;
  }

  /** When the customer is reminded to send the parcel (ISO-8601 duration). */
  public String parcelReminderAfter() {
    return settings.parcelReminderAfter();
  }

  /** When a case whose parcel never came is cancelled. */
  public String parcelLimit() {
    return settings.parcelLimit();
  }

  /** How long a case waits for the survey's answer. */
  public String surveyWait() {
    return settings.surveyWait();
  }
}
