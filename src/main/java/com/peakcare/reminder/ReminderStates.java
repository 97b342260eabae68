package com.peakcare.reminder;

/**
 * The states of a reminded order (PC_REMINDER_ORDER.STATE) and of a planned step (PC_REMINDER_STEP.STATE), and why an
 * order was skipped.
 */
final class ReminderStates {

  // an order
  static final String ACTIVE = "ACTIVE";
  static final String PAID = "PAID";
  static final String CANCELLED = "CANCELLED";
  static final String CLOSED = "CLOSED";
  static final String SKIPPED = "SKIPPED";

  // a step (besides CANCELLED)
  static final String PENDING = "PENDING";
  static final String SENT = "SENT";
  static final String WITHHELD = "WITHHELD";
  static final String SKIPPED_STEP = "SKIPPED";
  /** Sending failed {@code retry.max-attempts} times: given up, with the last error (never sent). */
  static final String FAILED = "FAILED";

  // why an order was skipped
  static final String SMALL = "SMALL_ORDER";
  static final String OPTED_OUT = "OPT_OUT";
  static final String BLOCKED = "BLOCKED";
  static final String NO_STEPS = "NO_STEPS";
  static final String CLOSED_ALREADY = "CLOSED_ALREADY";

  private ReminderStates() {}
}
