package com.peakcare.returns;

/**
 * processes/logistics-delay-broadcast.bpmn: one instance per logistics-delay broadcast (business key = the
 * broadcast id) that sends its notices a batch at a time, each batch an asynchronous step of its own with a retry
 * cycle, on any node's job executor.
 */
public final class LogisticsDelayBroadcastProcess {

  public static final String KEY = "logistics-delay-broadcast";

  /** Element ids, as in the BPMN. */
  public static final class Elements {
    public static final String START = "StartEvent_BroadcastStarted";
    public static final String TASK_SEND_NEXT_BATCH = "Task_SendNextBatch";
    public static final String GATEWAY_ALL_SENT = "Gateway_AllSent";
    public static final String END = "EndEvent_BroadcastDone";

    private Elements() {}
  }

  /** Process variables: only what the flow routes on. The broadcast itself is PC_LOGISTICS_DELAY. */
  public static final class Vars {
    /** Boolean: the last batch found no case left to tell. */
    public static final String ALL_SENT = "allSent";

    private Vars() {}
  }

  private LogisticsDelayBroadcastProcess() {}
}
