package com.peakcare.reminder;

/**
 * The phone-call process ({@code processes/payment-reminder-call.bpmn}): one instance per order whose plan's step is a
 * call (VIP or large orders), business key the order number, started by PeakCare when the step is due. An after-sales
 * agent calls the buyer and records the outcome; the order's payment, cancellation or closing ends it (message
 * {@value #MESSAGE_STOPPED}), and so does its auto-close time.
 */
public final class PaymentReminderCallProcess {

  public static final String KEY = "payment-reminder-call";
  public static final String MESSAGE_STOPPED = "payment-reminder-stopped";

  /** Element ids. */
  public static final class Elements {
    public static final String START = "StartEvent_CallDue";
    public static final String TASK_CALL = "Task_CallBuyer";
    public static final String END_RECORDED = "EndEvent_CallRecorded";
    public static final String BOUNDARY_STOPPED = "BoundaryEvent_OrderSettled";
    public static final String END_NOT_NEEDED = "EndEvent_CallNotNeeded";
    public static final String BOUNDARY_CLOSED = "BoundaryEvent_OrderClosed";
    public static final String END_CLOSED = "EndEvent_OrderClosedUncalled";

    private Elements() {}
  }

  /** Variables: the close time the timer waits for, the form's fields and what it shows. */
  public static final class Vars {
    public static final String CLOSE_AT = "closeAt";
    public static final String CALL_BRIEF = "callBrief";
    public static final String CALL_OUTCOME = "callOutcome";
    public static final String CALL_NOTE = "callNote";

    private Vars() {}
  }

  /** What a call may end with. */
  public static final java.util.List<String> OUTCOMES = java.util.List.of("REACHED", "NO_ANSWER", "REFUSED",
      "WILL_PAY");

  private PaymentReminderCallProcess() {}
}
