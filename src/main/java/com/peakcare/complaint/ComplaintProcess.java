package com.peakcare.complaint;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import java.util.Set;

/**
 * The complaint process ({@code processes/complaint.bpmn}): one instance per complaint, business key the complaint
 * number. The complaint, its promise, its targets, who handles it and its timeline are PeakCare's record
 * (PC_COMPLAINT, PC_COMPLAINT_EVENT); the process holds only what it routes on and the due dates of its timers.
 */
public final class ComplaintProcess {

  public static final String KEY = "complaint";
  public static final String TARGETS_DECISION = "complaint-targets";
  /** The escalation the agent throws when handing the complaint up (caught beside the work: the customer is told). */
  public static final String ESCALATION_CODE = "COMPLAINT_ESCALATED";

  /** Element ids, as in the BPMN. */
  public static final class Elements {
    public static final String START = "StartEvent_ComplaintOpened";
    public static final String TASK_DECIDE_TARGETS = "Task_DecideComplaintTargets";
    public static final String TASK_SEND_PROMISE = "Task_SendPromiseNotice";
    public static final String GATEWAY_WORK_JOIN = "Gateway_WorkJoin";
    public static final String TASK_RUN_CLOCK = "Task_RunClock";
    public static final String SUB_WORK = "SubProcess_WorkOnComplaint";
    public static final String START_WORK = "StartEvent_Work";
    public static final String TASK_HANDLE = "Task_HandleComplaint";
    public static final String GATEWAY_ACTION = "Gateway_HandlingAction";
    public static final String EVENT_AGENT_ESCALATES = "Event_AgentEscalates";
    public static final String END_WORK_DONE = "EndEvent_WorkDone";
    public static final String BOUNDARY_AGENT_ESCALATED = "Boundary_AgentEscalated";
    public static final String TASK_TELL_CUSTOMER_ESCALATED = "Task_TellCustomerEscalated";
    public static final String END_CUSTOMER_TOLD = "EndEvent_CustomerToldOfEscalation";
    public static final String TIMER_REMINDER = "Timer_ReminderBeforeTarget";
    public static final String TASK_REMIND = "Task_RemindHandler";
    public static final String END_REMINDED = "EndEvent_Reminded";
    public static final String TIMER_TARGET_MISSED = "Timer_TargetMissed";
    public static final String TASK_ESCALATE_LEVEL_ONE = "Task_EscalateToSuperior";
    public static final String GATEWAY_LEVEL_ONE_NEW = "Gateway_LevelOneNew";
    public static final String TASK_SUPERIOR_REVIEWS = "Task_SuperiorReviews";
    public static final String END_SUPERIOR_REVIEWED = "EndEvent_SuperiorReviewed";
    public static final String END_LEVEL_ONE_ALREADY = "EndEvent_LevelOneAlreadyReached";
    public static final String TIMER_SECOND_LEVEL = "Timer_SuperiorsSuperior";
    public static final String TASK_ESCALATE_LEVEL_TWO = "Task_EscalateToSuperiorsSuperior";
    public static final String GATEWAY_LEVEL_TWO_NEW = "Gateway_LevelTwoNew";
    public static final String TASK_SECOND_LEVEL_REVIEWS = "Task_SecondLevelReviews";
    public static final String END_SECOND_LEVEL_REVIEWED = "EndEvent_SecondLevelReviewed";
    public static final String END_LEVEL_TWO_ALREADY = "EndEvent_LevelTwoAlreadyReached";
    public static final String GATEWAY_AFTER_WORK = "Gateway_AfterWork";
    public static final String TASK_PAUSE_CLOCK = "Task_PauseClock";
    public static final String TASK_WAIT_FOR_CUSTOMER = "Task_WaitForCustomer";
    public static final String TASK_FOLLOW_UP = "Task_FollowUpWithCustomer";
    public static final String BOUNDARY_CUSTOMER_CONFIRMED = "Boundary_CustomerConfirmed";
    public static final String GATEWAY_FOLLOW_UP = "Gateway_FollowUpOutcome";
    public static final String GATEWAY_ATTEMPTS_LEFT = "Gateway_FollowUpAttemptsLeft";
    public static final String TIMER_NEXT_FOLLOW_UP = "Timer_NextFollowUp";
    public static final String GATEWAY_CLOSE_JOIN = "Gateway_CloseJoin";
    public static final String TASK_CLOSE = "Task_CloseComplaint";
    public static final String GATEWAY_AFTER_CLOSE = "Gateway_AfterClose";
    public static final String EVENT_CUSTOMER_CAME_BACK = "Event_CustomerCameBack";
    public static final String TIMER_SURVEY_DUE = "Timer_SurveyDue";
    public static final String TASK_REOPEN = "Task_ReopenComplaint";
    public static final String GATEWAY_SURVEY_WANTED = "Gateway_SurveyWanted";
    public static final String TASK_SEND_SURVEY = "Task_SendComplaintSurvey";
    public static final String END_SURVEYED = "EndEvent_ClosedAndSurveyed";
    public static final String END_NO_SURVEY = "EndEvent_ClosedWithoutSurvey";
    public static final String GATEWAY_SURVEY_ANSWER = "Gateway_SurveyAnswerOrExpiry";
    public static final String EVENT_SURVEY_ANSWERED = "Event_SurveyAnswered";
    public static final String TIMER_SURVEY_EXPIRED = "Timer_SurveyExpired";
    public static final String END_SURVEY_UNANSWERED = "EndEvent_SurveyUnanswered";
    public static final String GATEWAY_RECOVERY_NEEDED = "Gateway_RecoveryNeeded";
    public static final String TASK_RECOVER = "Task_RecoverAfterSurvey";
    public static final String END_RECOVERED = "EndEvent_Recovered";

    private Elements() {}
  }

  /** Messages the complaint waits for. */
  public static final class Messages {
    public static final String CUSTOMER_CONFIRMED = "ComplaintCustomerConfirmed";
    public static final String CUSTOMER_CAME_BACK = "ComplaintCustomerCameBack";

    private Messages() {}
  }

  /** The complaint's status at each element (engine.DerivedStatus applies it). */
  public static final Map<String, String> STATUS_OF = Map.ofEntries(
      Map.entry(Elements.TASK_HANDLE, "IN_PROGRESS"),
      Map.entry(Elements.TASK_WAIT_FOR_CUSTOMER, "WAITING_FOR_CUSTOMER"),
      Map.entry(Elements.TASK_FOLLOW_UP, "RESOLVED"),
      Map.entry(Elements.GATEWAY_AFTER_CLOSE, "CLOSED"),
      Map.entry(Elements.END_SURVEYED, "CLOSED"),
      Map.entry(Elements.END_NO_SURVEY, "CLOSED"),
      Map.entry(Elements.END_SURVEY_UNANSWERED, "CLOSED"),
      Map.entry(Elements.END_RECOVERED, "CLOSED"));

  /** Wait states and ends that keep the status the complaint had, and why (ProcessStatuses#keepsStatus). */
  public static final Map<String, String> KEEPS_STATUS = Map.ofEntries(
      Map.entry(Elements.END_WORK_DONE, "the work's end: the process goes on to wait or to follow up at once"),
      Map.entry(Elements.END_CUSTOMER_TOLD, "the escalation notice's branch ends; the work goes on"),
      Map.entry(Elements.END_REMINDED, "the reminder's branch ends; the work goes on"),
      Map.entry(Elements.TASK_SUPERIOR_REVIEWS, "the superior's task beside the work, which goes on: IN_PROGRESS"),
      Map.entry(Elements.END_SUPERIOR_REVIEWED, "the superior's branch ends"),
      Map.entry(Elements.END_LEVEL_ONE_ALREADY, "the complaint was at this level already"),
      Map.entry(Elements.TASK_SECOND_LEVEL_REVIEWS, "the superior's superior's task beside the work"),
      Map.entry(Elements.END_SECOND_LEVEL_REVIEWED, "the second level's branch ends"),
      Map.entry(Elements.END_LEVEL_TWO_ALREADY, "the complaint was at this level already"),
      Map.entry(Elements.TIMER_NEXT_FOLLOW_UP, "between two follow-up attempts: RESOLVED until the customer confirms"),
      Map.entry(Elements.EVENT_CUSTOMER_CAME_BACK, "after the close: as the gateway"),
      Map.entry(Elements.TIMER_SURVEY_DUE, "after the close: as the gateway"),
      Map.entry(Elements.GATEWAY_SURVEY_ANSWER, "after the close, waiting for the survey's answer: CLOSED"),
      Map.entry(Elements.EVENT_SURVEY_ANSWERED, "after the close, waiting for the survey's answer: CLOSED"),
      Map.entry(Elements.TIMER_SURVEY_EXPIRED, "after the close, waiting for the survey's answer: CLOSED"),
      Map.entry(Elements.TASK_RECOVER, "the superior's recovery call after a low score: the complaint stays CLOSED"));

  /** The process variables a complaint has: what its gateways and timers route on, nothing else. */
  public static final Set<String> PROCESS_VARIABLES = Set.of(Vars.ACTION, Vars.FOLLOW_UP_OUTCOME,
      Vars.FOLLOW_UPS_EXHAUSTED, Vars.REMINDER_DUE, Vars.TARGET_DUE, Vars.SECOND_LEVEL_DUE, Vars.PRIORITY);

  /** Form field keys and the names of {@link #PROCESS_VARIABLES}. */
  public static final class Vars {
    // the start form (and the API's request)
    public static final String COMPLAINT_NO = "complaintNo";
    public static final String ORDER_NO = "orderNo";
    public static final String CHANNEL = "channel";
    public static final String CATEGORY = "category";
    public static final String SEVERITY = "severity";
    public static final String DEMAND = "demand";
    public static final String LINKED_RETURNS = "linkedReturns";
    // the targets table's inputs and outputs
    public static final String MEMBER_TIER = "memberTier";
    public static final String FIRST_ANSWER_HOURS = "firstAnswerHours";
    public static final String UPDATE_HOURS = "updateHours";
    public static final String RESOLUTION_HOURS = "resolutionHours";
    public static final String PROMISE_FIRST_ANSWER_HOURS = "promiseFirstAnswerHours";
    public static final String PROMISE_RESOLUTION_HOURS = "promiseResolutionHours";
    public static final String REMINDER_MINUTES = "reminderMinutes";
    public static final String COUPON_LIMIT = "couponLimit";
    // routing and timers
    public static final String ACTION = "action";
    public static final String REMINDER_DUE = "reminderDue";
    public static final String TARGET_DUE = "targetDue";
    public static final String SECOND_LEVEL_DUE = "secondLevelDue";
    public static final String PRIORITY = "priority";
    public static final String FOLLOW_UP_OUTCOME = "followUpOutcome";
    public static final String FOLLOW_UPS_EXHAUSTED = "followUpsExhausted";
    /** Transient: whether a timed escalation reached a new level (the ladder's gateways). */
    public static final String ESCALATED = "escalated";
    // the handling form
    public static final String NOTE = "note";
    public static final String ESCALATION_REASON = "escalationReason";
    public static final String RESOLUTION_KIND = "resolutionKind";
    public static final String COUPON_AMOUNT = "couponAmount";
    public static final String REFUND_AMOUNT = "refundAmount";
    public static final String RETURN_TYPE = "returnType";
    public static final String ITEM_SKU = "itemSku";
    public static final String ITEM_QUANTITY = "itemQuantity";
    // the superior's form
    public static final String DECISION = "decision";
    public static final String REASSIGN_TO = "reassignTo";
    // the follow-up form
    public static final String CUSTOMER_REPLY = "customerReply";
    // the recovery form (after a low score or "not solved" in the survey)
    public static final String RECOVERY_NOTE = "recoveryNote";
    public static final String SURVEY_ANSWER = "surveyAnswer";
    // shown by the forms, read from the record
    public static final String SUMMARY = "complaintSummary";
    public static final String PROMISE = "promise";
    public static final String LADDER = "ladder";

    private Vars() {}
  }

  /** What the handler does with the complaint. */
  public enum Action { RESOLVE, ASK_CUSTOMER, ESCALATE }

  /** What the superior does when the ladder reaches them. */
  public enum Decision { TAKE_OVER, REASSIGN, LEAVE_WITH_HANDLER }

  /** What a follow-up attempt found. */
  public enum FollowUp { CONFIRMED, NO_ANSWER, NOT_SOLVED }

  @Schema(name = "ComplaintChannel", enumAsRef = true, description = "IM 在线客服, PHONE 电话, REVIEW 评价, "
      + "PLATFORM_DISPUTE 平台纠纷")
  public enum Channel { IM, PHONE, REVIEW, PLATFORM_DISPUTE }

  @Schema(name = "ComplaintSeverity", enumAsRef = true, description = "LOW 一般, MEDIUM 较重, HIGH 严重, CRITICAL 紧急")
  public enum Severity { LOW, MEDIUM, HIGH, CRITICAL }

  @Schema(name = "ComplaintCategory", enumAsRef = true, description = "PRODUCT 商品质量, LOGISTICS 物流, SERVICE 服务态度, "
      + "REFUND 退款, CAMPAIGN 活动规则, OTHER 其他")
  public enum Category { PRODUCT, LOGISTICS, SERVICE, REFUND, CAMPAIGN, OTHER }

  @Schema(name = "ComplaintResolution", enumAsRef = true, description = "EXPLANATION 解释说明, APOLOGY 道歉, COUPON 优惠券 "
      + "(within the tier's limit), RETURN_CASE 退换货/退差价 (opened through the return door), GOODWILL_REFUND 补偿退款 "
      + "(a price-difference case under the money controls: review by a colleague, second approval above the threshold)")
  public enum ResolutionKind { EXPLANATION, APOLOGY, COUPON, RETURN_CASE, GOODWILL_REFUND }

  @Schema(name = "ComplaintStatus", enumAsRef = true, description = "Where a complaint stands")
  public enum Status { OPEN, IN_PROGRESS, WAITING_FOR_CUSTOMER, RESOLVED, CLOSED }

  /**
   * The job priority of the ladder's timers (camunda:jobPriority in the model): below every other job's (0), so that
   * with acquisition by priority ({@code jobExecutorAcquireByPriority}) thousands of targets falling due together do
   * not hold back the customers' notices queued behind them (issue 24: at most a minute late in a burst).
   */
  public static final long LADDER_JOB_PRIORITY = -10;

  /** The number of documented follow-up attempts without an answer that close a complaint. */
  public static final int FOLLOW_UP_ATTEMPTS = 3;
  /** Re-opened this often, a complaint goes one level up the ladder at once. */
  public static final int REOPENS_TO_ESCALATE = 2;

  private ComplaintProcess() {}
}
