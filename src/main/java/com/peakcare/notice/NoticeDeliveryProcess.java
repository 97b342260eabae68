package com.peakcare.notice;

/**
 * processes/notice-delivery.bpmn: one tiny instance per notice (business key = the notice key) whose only task
 * is asynchronous with a retry cycle, so a gateway outage becomes retries, then an incident in Cockpit that an
 * operator retries. It has no variables: the business key names the notice, PC_NOTICE holds it.
 */
public final class NoticeDeliveryProcess {
  public static final String KEY = "notice-delivery";

  public static final class Elements {
    public static final String START = "StartEvent_NoticeRecorded";
    public static final String TASK_DELIVER = "Task_DeliverNotice";
    public static final String END = "EndEvent_NoticeDelivered";

    private Elements() {}
  }

  private NoticeDeliveryProcess() {}
}
