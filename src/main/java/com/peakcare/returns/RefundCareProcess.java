package com.peakcare.returns;

/**
 * processes/refund-care.bpmn: every refund is a promise. Sends REFUND_CARE with the promised time, then waits for
 * message {@value #MESSAGE_REFUND_DONE} (business key = return number). If the promised time passes first, the
 * customer gets REFUND_DELAYED and {@code supervisors} a task naming the case, and the process keeps waiting; the
 * refund done sends REFUND_DONE and ends the process (a still open supervisor task with it).
 * Its one variable is {@link #PROMISED_BY}; the notices and the follow-up task read the case's facts from the
 * records ({@link ReturnNotices}, {@link RefundCare#promiseOf}).
 */
public final class RefundCareProcess {
  public static final String KEY = "refund-care";
  /** Starts refund care: thrown by the return case's Task_PromiseRefundCare. */
  public static final String MESSAGE_REFUND_PROMISED = "RefundPromised";
  public static final String MESSAGE_REFUND_DONE = "RefundDone";
  /** The process's one variable: the promised time its timer waits for (the promise itself is PC_REFUND_PROMISE). */
  public static final String PROMISED_BY = "promisedBy";

  public static final class Elements {
    public static final String START = "StartEvent_RefundPromised";
    public static final String TASK_RECORD_PROMISE = "Task_RecordRefundPromise";
    public static final String TASK_SEND_REFUND_CARE = "Task_SendRefundCareNotice";
    public static final String TASK_WAIT_FOR_REFUND = "Task_WaitForRefund";
    public static final String TIMER_PROMISE_MISSED = "Timer_PromiseMissed";
    public static final String TASK_SEND_REFUND_DELAYED = "Task_SendRefundDelayedNotice";
    public static final String TASK_FOLLOW_UP_LATE_REFUND = "Task_FollowUpLateRefund";
    public static final String END_LATE_REFUND_FOLLOWED_UP = "EndEvent_LateRefundFollowedUp";
    public static final String TASK_RECORD_REFUND_DONE = "Task_RecordRefundDone";
    public static final String TASK_SEND_REFUND_DONE = "Task_SendRefundDoneNotice";
    public static final String END_REFUND_DONE = "EndEvent_RefundDone";

    private Elements() {}
  }

  private RefundCareProcess() {}
}
